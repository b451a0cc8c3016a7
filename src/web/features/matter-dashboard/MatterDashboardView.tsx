import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Row, Space, Statistic, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { MATTER_LEVEL_LABELS } from '../../../domain/matters/labels.ts';
import { useLocale } from '../../app/i18n.ts';
import { EChart } from '../../ui/EChart.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLoader } from '../../ui/useLoader.ts';
import { RegionPicker } from '../regions/RegionPicker.tsx';
import { matterDashboardApi, type DashboardFilter, type Figures } from './api.ts';
import { Ranking } from './Rankings.tsx';

const DATE = 'YYYY-MM-DD';
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

/**
 * DSH-1 the matters dashboard of a region and period: KPI cards (受理, 响应率,
 * 办结率, 按时办结率, 满意率, 超期, 平均办结工作日), the trend by month, matters by
 * category, escalations by level, rankings of the child regions and of the
 * departments, and the same figures as Excel. Definitions: docs/matters-dashboard.md.
 */
export function MatterDashboardView() {
  const { locale } = useLocale();
  const zh = locale !== 'en';
  const [regionCode, setRegionCode] = useState<string | null>(null);
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const filter: DashboardFilter = { regionCode, from: range?.[0].format(DATE) ?? null, to: range?.[1].format(DATE) ?? null };
  const { data, error, loading, reload } = useLoader(
    (signal) => matterDashboardApi.get(filter, signal),
    [regionCode, filter.from, filter.to],
  );
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  const t: Figures | undefined = data?.totals;
  // [key for tests, title, value, hint]
  const cards: [string, string, string | number, string?][] = [
    ['received', zh ? '受理事项' : 'Received', t?.received ?? 0],
    ['response', zh ? '响应率' : 'Response rate', pct(t?.responseRate), zh ? '按时签收/登记' : 'signed for on time'],
    ['closure', zh ? '办结率' : 'Closure rate', pct(t?.closureRate)],
    ['on-time', zh ? '按时办结率' : 'On-time closure', pct(t?.onTimeClosureRate)],
    ['satisfaction', zh ? '满意率' : 'Satisfaction', pct(t?.satisfactionRate), zh ? '满意＋基本满意' : 'satisfied + basically'],
    ['overdue', zh ? '当前超期' : 'Overdue now', t?.overdue ?? 0],
    [
      'days',
      zh ? '平均办结(工作日)' : 'Avg working days',
      t?.averageWorkingDaysToClose === null || !t ? '—' : t.averageWorkingDaysToClose.toFixed(1),
    ],
    ['reopened', zh ? '重办' : 'Reopened', t?.reopened ?? 0],
  ];
  const months = data?.byMonth ?? [];
  const categories = [...(data?.byCategory ?? [])].sort((a, b) => b.received - a.received);
  const levels = (data?.byLevel ?? []).filter((l) => l.level !== 'building');
  return (
    <>
      <PageHeader
        title={zh ? '事项统计' : 'Matters dashboard'}
        subtitle={
          data
            ? `${data.region?.name ?? (zh ? '全部' : 'All')}${data.organisation ? ` · ${data.organisation.name}` : ''} · ${data.from} — ${data.to}`
            : undefined
        }
        extra={
          <Button icon={<DownloadOutlined />} href={matterDashboardApi.excelUrl(filter)} data-testid="matter-dashboard-excel">
            {zh ? '导出 Excel' : 'Export Excel'}
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <div style={{ width: 260 }}>
          <RegionPicker
            value={regionCode}
            onChange={setRegionCode}
            placeholder={zh ? '区域（默认本级）' : 'Region (default: yours)'}
            data-testid="matter-dash-region"
          />
        </div>
        <DatePicker.RangePicker
          value={range}
          format={DATE}
          allowClear
          onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)}
          presets={[
            { label: zh ? '今年' : 'This year', value: [dayjs().startOf('year'), dayjs()] },
            { label: zh ? '近 12 个月' : 'Last 12 months', value: [dayjs().subtract(11, 'month').startOf('month'), dayjs()] },
            { label: zh ? '本月' : 'This month', value: [dayjs().startOf('month'), dayjs()] },
          ]}
        />
      </Space>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {cards.map(([key, title, value, hint]) => (
          <Col key={key} xs={12} sm={8} md={6} xl={3}>
            <Card size="small" loading={loading && !data} data-testid={`matter-dash-${key}`}>
              <Statistic title={title} value={value} />
              {hint ? <div style={{ fontSize: 12, opacity: 0.6 }}>{hint}</div> : null}
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={zh ? '按月趋势' : 'By month'} style={{ marginBottom: 12 }}>
        <EChart
          height={300}
          data-testid="matter-dashboard-months"
          data-points={months.length}
          option={{
            tooltip: { trigger: 'axis' },
            legend: { top: 0, type: 'scroll' },
            grid: { top: 36, left: 8, right: 8, bottom: 8, containLabel: true },
            xAxis: { type: 'category', data: months.map((m) => m.month) },
            yAxis: [{ type: 'value' }, { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } }],
            series: [
              { name: zh ? '受理' : 'Received', type: 'bar', data: months.map((m) => m.received) },
              { name: zh ? '办结' : 'Closed', type: 'bar', data: months.map((m) => m.closed) },
              {
                name: zh ? '按时办结率' : 'On-time closure',
                type: 'line',
                yAxisIndex: 1,
                data: months.map((m) => (m.onTimeClosureRate === null ? null : Number((m.onTimeClosureRate * 100).toFixed(1)))),
              },
            ],
          }}
        />
      </Card>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} lg={14}>
          <Card size="small" title={zh ? '按类别' : 'By category'}>
            <EChart
              height={320}
              data-testid="matter-dashboard-categories"
              data-points={categories.length}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { top: 0, type: 'scroll' },
                grid: { top: 36, left: 8, right: 16, bottom: 8, containLabel: true },
                xAxis: { type: 'value' },
                yAxis: { type: 'category', inverse: true, data: categories.map((c) => (zh ? c.name : c.nameEn)) },
                series: [
                  { name: zh ? '受理' : 'Received', type: 'bar', data: categories.map((c) => c.received) },
                  { name: zh ? '超期' : 'Overdue', type: 'bar', data: categories.map((c) => c.overdue) },
                ],
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={zh ? '逐级上报' : 'Escalations by level'}>
            <EChart
              height={200}
              data-points={levels.length}
              option={{
                tooltip: { trigger: 'axis' },
                grid: { top: 16, left: 8, right: 8, bottom: 8, containLabel: true },
                xAxis: { type: 'category', data: levels.map((l) => MATTER_LEVEL_LABELS[l.level][locale]) },
                yAxis: { type: 'value' },
                series: [{ name: zh ? '上报至该层级' : 'Escalated to', type: 'bar', data: levels.map((l) => l.escalatedTo) }],
              }}
            />
            <Table
              size="small"
              rowKey="level"
              pagination={false}
              dataSource={data?.byLevel ?? []}
              columns={[
                {
                  title: zh ? '层级' : 'Level',
                  dataIndex: 'level',
                  render: (l: keyof typeof MATTER_LEVEL_LABELS) => MATTER_LEVEL_LABELS[l][locale],
                },
                { title: zh ? '当前在该层级' : 'Now here', dataIndex: 'matters' },
                { title: zh ? '上报至该层级' : 'Escalated to', dataIndex: 'escalatedTo' },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]}>
        {/* Nine columns need the page's width: side by side only on a wide screen. */}
        <Col xs={24} xxl={12}>
          <Card size="small" title={zh ? '区域排名' : 'Regions'} data-testid="matter-dash-regions">
            <Ranking rows={data?.regionRanking ?? []} rowKey="code" nameTitle={zh ? '区域' : 'Region'} zh={zh} />
          </Card>
        </Col>
        <Col xs={24} xxl={12}>
          <Card size="small" title={zh ? '部门排名' : 'Departments'} data-testid="matter-dash-departments">
            <Ranking rows={data?.departmentRanking ?? []} rowKey="organisationId" nameTitle={zh ? '部门' : 'Department'} zh={zh} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
