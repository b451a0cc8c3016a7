import { Card, Col, DatePicker, Empty, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { villagesApi, type VillageDetail } from './api.ts';
import { CHAIN_LEVEL, CONDITION, CONDITION_COLOUR, PLAN_STATUS, POST_KIND, labelOptions, pick, yuan } from './labels.ts';
import { FormModal } from '../../ui/FormModal.tsx';
import { ChainModal, HolderModal, PostModal } from './ProfileForms.tsx';

interface TabProps {
  village: VillageDetail;
  zh: boolean;
  reload: () => void;
}
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const options = labelOptions;

/** The protection plans (保护发展规划) and, for the village office, a form for a new one. */
export function PlansCard({ village, zh, reload }: TabProps) {
  type Values = {
    title: string;
    status: VillageDetail['plans'][number]['status'];
    periodFrom?: number;
    periodTo?: number;
    approvedOn?: Dayjs;
  };
  return (
    <Card
      size="small"
      title={zh ? '保护发展规划' : 'Protection plans'}
      extra={
        village.may.write && (
          <FormModal<Values>
            title={zh ? '新增规划' : 'New plan'}
            trigger={zh ? '新增规划' : 'New plan'}
            okText={zh ? '保存' : 'Save'}
            initialValues={{ status: 'drafting' }}
            onSubmit={(v) =>
              villagesApi.addPlan(village.regionCode, {
                title: v.title,
                status: v.status,
                periodFrom: v.periodFrom ?? null,
                periodTo: v.periodTo ?? null,
                approvedOn: day(v.approvedOn),
              })
            }
            onDone={reload}
          >
            {() => (
              <>
                <Form.Item name="title" label={zh ? '规划名称' : 'Title'} rules={[{ required: true }]}>
                  <Input />
                </Form.Item>
                <Form.Item name="status" label={zh ? '状态' : 'Status'}>
                  <Select options={options(PLAN_STATUS, zh)} />
                </Form.Item>
                <Space wrap>
                  <Form.Item name="periodFrom" label={zh ? '起始年' : 'From'}>
                    <InputNumber min={1949} max={2200} />
                  </Form.Item>
                  <Form.Item name="periodTo" label={zh ? '截止年' : 'To'}>
                    <InputNumber min={1949} max={2200} />
                  </Form.Item>
                  <Form.Item name="approvedOn" label={zh ? '批复日期' : 'Approved on'}>
                    <DatePicker />
                  </Form.Item>
                </Space>
              </>
            )}
          </FormModal>
        )
      }
    >
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={village.plans}
        locale={{ emptyText: zh ? '暂无规划' : 'No plans' }}
        columns={[
          { title: zh ? '规划' : 'Plan', dataIndex: 'title' },
          {
            title: zh ? '状态' : 'Status',
            dataIndex: 'status',
            render: (s: keyof typeof PLAN_STATUS) => <Tag>{pick(PLAN_STATUS[s], zh)}</Tag>,
          },
          {
            title: zh ? '期限' : 'Period',
            key: 'period',
            responsive: ['sm'],
            render: (_, p) => (p.periodFrom ? `${p.periodFrom}–${p.periodTo ?? ''}` : '—'),
          },
          { title: zh ? '批复' : 'Approved', dataIndex: 'approvedOn', responsive: ['md'], render: (d: string | null) => d ?? '—' },
          { title: zh ? '文件' : 'Document', dataIndex: 'documentName', responsive: ['lg'], render: (d: string | null) => d ?? '—' },
        ]}
      />
    </Card>
  );
}

/** Traditional buildings with their condition (a dangerous one stands out) and repairs; the office records new ones and re-rates them. */
export function BuildingsTab({ village, zh, reload }: TabProps) {
  type Values = { name: string; era?: string; kind?: string; condition: keyof typeof CONDITION; inspectedOn?: Dayjs; note?: string };
  return (
    <Card
      size="small"
      extra={
        village.may.write && (
          <FormModal<Values>
            title={zh ? '登记传统建筑' : 'Record a building'}
            trigger={zh ? '登记建筑' : 'Add building'}
            okText={zh ? '保存' : 'Save'}
            initialValues={{ condition: 'good' }}
            onSubmit={(v) =>
              villagesApi.addBuilding(village.regionCode, {
                name: v.name,
                era: v.era ?? null,
                kind: v.kind ?? null,
                condition: v.condition,
                inspectedOn: day(v.inspectedOn),
                note: v.note ?? null,
              })
            }
            onDone={reload}
          >
            {() => (
              <>
                <Form.Item name="name" label={zh ? '名称' : 'Name'} rules={[{ required: true }]}>
                  <Input />
                </Form.Item>
                <Space wrap>
                  <Form.Item name="era" label={zh ? '年代' : 'Era'}>
                    <Input style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name="kind" label={zh ? '类型' : 'Kind'}>
                    <Input style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name="condition" label={zh ? '保存状况' : 'Condition'}>
                    <Select style={{ width: 120 }} options={options(CONDITION, zh)} />
                  </Form.Item>
                  <Form.Item name="inspectedOn" label={zh ? '查看日期' : 'Inspected'}>
                    <DatePicker />
                  </Form.Item>
                </Space>
                <Form.Item name="note" label={zh ? '备注' : 'Note'}>
                  <Input.TextArea rows={2} />
                </Form.Item>
              </>
            )}
          </FormModal>
        )
      }
    >
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={village.traditionalBuildings}
        data-testid="village-buildings"
        expandable={{
          rowExpandable: (b) => b.repairs.length > 0,
          expandedRowRender: (b) => (
            <Timeline
              items={b.repairs.map((r) => ({
                children: `${r.repairedOn} ${r.description}${r.cost !== null ? ` · ${yuan(r.cost)}` : ''}${r.contractor ? ` · ${r.contractor}` : ''}`,
              }))}
            />
          ),
        }}
        columns={[
          { title: zh ? '建筑' : 'Building', dataIndex: 'name' },
          { title: zh ? '年代' : 'Era', dataIndex: 'era', responsive: ['sm'], render: (e: string | null) => e ?? '—' },
          {
            title: zh ? '保存状况' : 'Condition',
            dataIndex: 'condition',
            render: (c: keyof typeof CONDITION, b) =>
              village.may.write ? (
                <Select
                  size="small"
                  value={c}
                  style={{ width: 96 }}
                  options={options(CONDITION, zh)}
                  onChange={(condition) => void villagesApi.patchBuilding(village.regionCode, b.id, { condition }).then(reload)}
                />
              ) : (
                <Tag color={CONDITION_COLOUR[c]}>{pick(CONDITION[c], zh)}</Tag>
              ),
          },
          { title: zh ? '查看日期' : 'Inspected', dataIndex: 'inspectedOn', responsive: ['md'], render: (d: string | null) => d ?? '—' },
          { title: zh ? '修缮' : 'Repairs', key: 'repairs', responsive: ['md'], render: (_, b) => b.repairs.length },
          {
            title: zh ? '事项' : 'Matter',
            dataIndex: 'matterId',
            render: (id: string | null, b) =>
              id ? (
                <Link to={`/matters/${id}`}>{zh ? '查看事项' : 'Open matter'}</Link>
              ) : village.may.write ? (
                <RaiseMatter code={village.regionCode} building={b} zh={zh} onDone={reload} />
              ) : (
                '—'
              ),
          },
        ]}
      />
    </Card>
  );
}

/** A building in danger becomes a matter (MAT-1) in one step: 公共设施报修, urgent, at the village's desk. */
function RaiseMatter({
  code,
  building,
  zh,
  onDone,
}: {
  code: string;
  building: { id: string; name: string };
  zh: boolean;
  onDone: () => void;
}) {
  type Values = { description: string };
  // One key per building and page visit: a double click or a retry after a lost answer raises one matter.
  const [key] = useState(() => crypto.randomUUID());
  return (
    <FormModal<Values>
      title={`${building.name} · ${zh ? '上报事项' : 'Raise a matter'}`}
      trigger={zh ? '上报事项' : 'Raise'}
      triggerTestId={`building-matter-${building.id}`}
      inline
      okText={zh ? '上报' : 'Raise'}
      initialValues={{ description: zh ? `${building.name}存在安全隐患，请尽快处置。` : `${building.name} is in danger.` }}
      onSubmit={(v) => villagesApi.raiseBuildingMatter(code, building.id, { description: v.description, idempotencyKey: key })}
      onDone={onDone}
    >
      {() => (
        <Form.Item name="description" label={zh ? '情况说明' : 'Description'} rules={[{ required: true }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      )}
    </FormModal>
  );
}

/** 党员先锋岗 and 示范岗 with who holds them now and who held them before. */
export function PostsTab({ village, zh, reload }: TabProps) {
  return (
    <>
      {village.may.write && (
        <div style={{ marginBottom: 12 }}>
          <PostModal village={village} zh={zh} onDone={reload} />
        </div>
      )}
      {village.posts.length === 0 ? (
        <Empty description={zh ? '暂无岗位' : 'No posts'} />
      ) : (
        <Row gutter={[12, 12]} data-testid="village-posts">
          {village.posts.map((post) => (
            <Col key={post.id} xs={24} md={12} xl={8}>
              <Card
                size="small"
                title={post.name}
                extra={<Tag color={post.kind === 'pioneer_post' ? 'red' : 'gold'}>{pick(POST_KIND[post.kind], zh)}</Tag>}
              >
                {post.duty && (
                  <Typography.Paragraph style={{ marginBottom: 4 }}>
                    <Typography.Text type="secondary">{zh ? '职责：' : 'Duty: '}</Typography.Text>
                    {post.duty}
                  </Typography.Paragraph>
                )}
                {post.commitment && (
                  <Typography.Paragraph style={{ marginBottom: 4 }}>
                    <Typography.Text type="secondary">{zh ? '承诺：' : 'Commitment: '}</Typography.Text>
                    {post.commitment}
                  </Typography.Paragraph>
                )}
                <Space wrap>
                  {post.holders.map((h) => (
                    <Tag key={`${h.personId}-${h.since}`} color={h.until ? undefined : 'green'}>
                      {h.name} {h.since}
                      {h.until ? ` — ${h.until}` : zh ? ' 起' : ' –'}
                    </Tag>
                  ))}
                  {village.may.write && <HolderModal village={village} post={post} zh={zh} onDone={reload} />}
                </Space>
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}

/** The five-level chain from county leaders down to the village secretary and social partners, in that order. */
export function ChainTab({ village, zh, reload }: TabProps) {
  const order = Object.keys(CHAIN_LEVEL) as (keyof typeof CHAIN_LEVEL)[];
  return (
    <>
      {village.may.write && (
        <div style={{ marginBottom: 12 }}>
          <ChainModal village={village} zh={zh} onDone={reload} />
        </div>
      )}
      <Row gutter={[12, 12]} data-testid="village-chain">
        {order.map((level, i) => {
          const links = village.chain.filter((c) => c.level === level);
          return (
            <Col key={level} xs={24} sm={12} lg={8}>
              <Card size="small" title={`${i + 1}. ${pick(CHAIN_LEVEL[level], zh)}`}>
                {links.length === 0 ? (
                  <Typography.Text type="secondary">—</Typography.Text>
                ) : (
                  links.map((c) => (
                    <div key={c.id} style={{ marginBottom: 6 }}>
                      <Typography.Text strong>{c.person?.name ?? c.organisation?.name}</Typography.Text>
                      {c.person && c.organisation ? <Typography.Text type="secondary"> · {c.organisation.name}</Typography.Text> : null}
                      {c.duty ? <div style={{ fontSize: 12, opacity: 0.75 }}>{c.duty}</div> : null}
                    </div>
                  ))
                )}
              </Card>
            </Col>
          );
        })}
      </Row>
    </>
  );
}
