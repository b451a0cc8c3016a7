import { Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useLocale } from '../../app/i18n.ts';
import { useUser } from '../../app/auth.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLoader } from '../../ui/useLoader.ts';
import { isWithinRegion } from '../../../domain/regions.ts';
import { villagesApi, type HeritageList, type SiteList } from './api.ts';
import { FormModal } from '../../ui/FormModal.tsx';
import { GuideModal, HeritageItemModal, InheritorModal, SiteModal } from './HeritageForms.tsx';
import { LISTING, SITE_KIND, pick } from './labels.ts';

const DATE = 'YYYY-MM-DD';
type Item = HeritageList['items'][number];
type Site = SiteList['items'][number];

/** VIL-4 intangible heritage with inheritors, performances (date, place, audience), tourism sites with guides and visitors. */
export function HeritageView() {
  const { locale } = useLocale();
  const zh = locale !== 'en';
  const user = useUser();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()]);
  const period = { from: range[0].format(DATE), to: range[1].format(DATE) };
  const items = useLoader((signal) => villagesApi.heritage(null, signal), []);
  const shows = useLoader((signal) => villagesApi.performances(period, signal), [period.from, period.to]);
  const sites = useLoader((signal) => villagesApi.sites(period, signal), [period.from, period.to]);
  const mayRecord = ['admin', 'city', 'district', 'street', 'village'].includes(user.role);
  type ShowValues = { heritageItemId: string; regionCode: string; title: string; performedOn: Dayjs; place: string; audience: number };
  type VisitorValues = { siteId: string; month: Dayjs; visitors: number };
  const villages = useLoader((signal) => villagesApi.list({}, signal), []);
  const villageOptions = (villages.data?.items ?? []).map((v) => ({ value: v.regionCode, label: `${v.townshipName}${v.name}` }));
  // A county or township office may also place an item in its own region (heritage is often county-wide).
  const own = user.regionCode && user.regionName && !villageOptions.some((o) => o.value === user.regionCode);
  const regionOptions = own ? [{ value: user.regionCode ?? '', label: user.regionName ?? '' }, ...villageOptions] : villageOptions;
  // Heritage is read county-wide but kept by the offices of its own region: the server refuses the rest (403).
  const mayKeep = (it: Item) => mayRecord && (!user.regionCode || isWithinRegion(it.regionCode, user.regionCode));
  return (
    <>
      <PageHeader
        title={zh ? '非遗与文旅' : 'Heritage & tourism'}
        extra={
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])}
            presets={[
              { label: zh ? '今年' : 'This year', value: [dayjs().startOf('year'), dayjs()] },
              { label: zh ? '去年以来' : 'Since last year', value: [dayjs().subtract(1, 'year').startOf('year'), dayjs()] },
            ]}
          />
        }
      />
      <ErrorAlert error={items.error ?? shows.error ?? sites.error} />
      <Tabs
        items={[
          {
            key: 'items',
            label: zh ? '非遗项目' : 'Heritage items',
            children: (
              <>
                {mayRecord && (
                  <div style={{ marginBottom: 12 }}>
                    <HeritageItemModal regions={regionOptions} zh={zh} onDone={items.reload} />
                  </div>
                )}
                <Row gutter={[12, 12]} data-testid="heritage-items">
                  {(items.data?.items ?? []).map((it: Item) => (
                    <Col key={it.id} xs={24} md={12} xl={8}>
                      <Card
                        size="small"
                        title={it.name}
                        extra={<Tag color="red">{pick(LISTING[it.level], zh)}</Tag>}
                        data-testid={`heritage-item-${it.id}`}
                      >
                        <Typography.Text type="secondary">
                          {it.category} · {it.regionName}
                          {it.listedYear ? ` · ${it.listedYear}` : ''}
                        </Typography.Text>
                        <Typography.Paragraph style={{ marginTop: 6 }}>{it.description}</Typography.Paragraph>
                        <div>
                          {zh ? '传承人：' : 'Inheritors: '}
                          {it.inheritors.length === 0
                            ? '—'
                            : it.inheritors.map((p) => (
                                <Tag key={p.id}>
                                  {p.name}（{pick(LISTING[p.level], zh)}）
                                </Tag>
                              ))}
                          {mayKeep(it) && <InheritorModal item={it} zh={zh} onDone={items.reload} />}
                        </div>
                      </Card>
                    </Col>
                  ))}
                </Row>
              </>
            ),
          },
          {
            key: 'shows',
            label: zh ? `展演 ${shows.data?.total ?? ''}` : `Performances ${shows.data?.total ?? ''}`,
            children: (
              <>
                <Space wrap style={{ marginBottom: 12 }}>
                  <Statistic title={zh ? '场次' : 'Performances'} value={shows.data?.total ?? 0} data-testid="heritage-performances" />
                  <Statistic title={zh ? '观众（人次）' : 'Audience'} value={shows.data?.audience ?? 0} style={{ marginInlineStart: 24 }} />
                  {mayRecord && (
                    <FormModal<ShowValues>
                      title={zh ? '登记展演' : 'Record a performance'}
                      trigger={zh ? '登记展演' : 'Record'}
                      okText={zh ? '保存' : 'Save'}
                      initialValues={{ performedOn: dayjs(), audience: 0 }}
                      onSubmit={(v) => villagesApi.addPerformance({ ...v, performedOn: v.performedOn.format(DATE) })}
                      onDone={shows.reload}
                    >
                      {() => (
                        <>
                          <Form.Item name="heritageItemId" label={zh ? '非遗项目' : 'Item'} rules={[{ required: true }]}>
                            <Select options={(items.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))} />
                          </Form.Item>
                          <Form.Item name="regionCode" label={zh ? '村' : 'Village'} rules={[{ required: true }]}>
                            <Select showSearch optionFilterProp="label" options={villageOptions} />
                          </Form.Item>
                          <Form.Item name="title" label={zh ? '节目' : 'Title'} rules={[{ required: true }]}>
                            <Input />
                          </Form.Item>
                          <Space wrap>
                            <Form.Item name="performedOn" label={zh ? '日期' : 'Date'} rules={[{ required: true }]}>
                              <DatePicker />
                            </Form.Item>
                            <Form.Item name="audience" label={zh ? '观众人数' : 'Audience'} rules={[{ required: true }]}>
                              <InputNumber min={0} />
                            </Form.Item>
                          </Space>
                          <Form.Item name="place" label={zh ? '地点' : 'Place'} rules={[{ required: true }]}>
                            <Input />
                          </Form.Item>
                        </>
                      )}
                    </FormModal>
                  )}
                </Space>
                <Table
                  rowKey="id"
                  size="small"
                  loading={shows.loading}
                  dataSource={shows.data?.items ?? []}
                  pagination={{ pageSize: 20, showSizeChanger: false }}
                  columns={[
                    { title: zh ? '日期' : 'Date', dataIndex: 'performedOn' },
                    { title: zh ? '项目' : 'Item', dataIndex: 'heritageItemName' },
                    { title: zh ? '节目' : 'Title', dataIndex: 'title', responsive: ['md'] },
                    { title: zh ? '地点' : 'Place', dataIndex: 'place', responsive: ['sm'] },
                    { title: zh ? '村' : 'Village', dataIndex: 'regionName', responsive: ['lg'] },
                    { title: zh ? '观众' : 'Audience', dataIndex: 'audience', align: 'right' },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'sites',
            label: zh ? '旅游点' : 'Tourism sites',
            children: (
              <>
                {mayRecord && (
                  <Space wrap style={{ marginBottom: 12 }}>
                    <SiteModal villages={villageOptions} zh={zh} onDone={sites.reload} />
                    <FormModal<VisitorValues>
                      title={zh ? '登记月游客量' : "A month's visitors"}
                      trigger={zh ? '登记游客量' : 'Record visitors'}
                      okText={zh ? '保存' : 'Save'}
                      initialValues={{ month: dayjs().subtract(1, 'month') }}
                      onSubmit={(v) => villagesApi.putVisitors(v.siteId, v.month.format('YYYY-MM'), v.visitors)}
                      onDone={sites.reload}
                    >
                      {() => (
                        <>
                          <Form.Item name="siteId" label={zh ? '旅游点' : 'Site'} rules={[{ required: true }]}>
                            <Select
                              options={(sites.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.villageName} · ${s.name}` }))}
                            />
                          </Form.Item>
                          <Form.Item name="month" label={zh ? '月份' : 'Month'} rules={[{ required: true }]}>
                            <DatePicker picker="month" />
                          </Form.Item>
                          <Form.Item name="visitors" label={zh ? '游客（人次）' : 'Visitors'} rules={[{ required: true }]}>
                            <InputNumber min={0} style={{ width: '100%' }} />
                          </Form.Item>
                        </>
                      )}
                    </FormModal>
                  </Space>
                )}
                <Row gutter={[12, 12]} data-testid="tourism-sites">
                  {(sites.data?.items ?? []).map((s: Site) => (
                    <Col key={s.id} xs={24} lg={12}>
                      <Card size="small" title={s.name} extra={<Tag color="volcano">{pick(SITE_KIND[s.kind], zh)}</Tag>}>
                        <Typography.Text type="secondary">
                          {s.villageName}
                          {s.openedOn ? ` · ${zh ? '开放于' : 'opened'} ${s.openedOn}` : ''}
                        </Typography.Text>
                        <Row gutter={12} style={{ margin: '8px 0' }}>
                          <Col span={12}>
                            <Statistic title={zh ? '期间游客（人次）' : 'Visitors in period'} value={s.visitorsInPeriod} />
                          </Col>
                          <Col span={12}>
                            <Statistic
                              title={zh ? '讲解员' : 'Guides'}
                              value={s.guides.filter((g) => g.active).length}
                              data-testid={`site-guides-${s.id}`}
                            />
                          </Col>
                        </Row>
                        <Space wrap>
                          {s.guides
                            .filter((g) => g.active)
                            .map((g) => (
                              <Tag key={g.id}>{g.name}</Tag>
                            ))}
                          {mayRecord && <GuideModal site={s} zh={zh} onDone={sites.reload} />}
                        </Space>
                      </Card>
                    </Col>
                  ))}
                </Row>
              </>
            ),
          },
        ]}
      />
    </>
  );
}
