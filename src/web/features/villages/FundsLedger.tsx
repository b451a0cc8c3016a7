import { Card, Col, Row, Space, Statistic, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useLoader } from '../../ui/useLoader.ts';
import { villagesApi, type FundLedger, type VillageDetail } from './api.ts';
import { FundEntryModal, FundProjectModal } from './FundEntryModal.tsx';
import { ENTRY_KIND, PURPOSE, SOURCE, pick, yuan } from './labels.ts';

const PAGE = 20;
type Entry = FundLedger['entries'][number];

/** VIL-2 the protection-funds ledger of one village: balances, projects, entries, and the forms that add to it. */
export function FundsLedger({ village, zh, reload }: { village: VillageDetail; zh: boolean; reload: () => void }) {
  const [page, setPage] = useState(1);
  const [tick, setTick] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const ledger = useLoader(
    (signal) => villagesApi.ledger(village.regionCode, { limit: PAGE, offset: (page - 1) * PAGE }, signal),
    [village.regionCode, page, tick],
  );
  const refresh = () => setTick((n) => n + 1);
  if (ledger.error) return <ErrorAlert error={ledger.error} onRetry={ledger.reload} />;
  const data = ledger.data;
  const totals = data?.totals;
  const cards: [string, number | undefined, string][] = [
    [zh ? '到位资金' : 'Received', totals?.received, 'received'],
    [zh ? '已分配' : 'Allocated', totals?.allocated, 'allocated'],
    [zh ? '已支出' : 'Spent', totals?.spent, 'spent'],
    [zh ? '待分配' : 'Unallocated', totals?.unallocated, 'unallocated'],
    [zh ? '结余' : 'Balance', totals?.balance, 'balance'],
  ];
  return (
    <>
      <ErrorAlert error={error} />
      <Space wrap style={{ marginBottom: 12 }}>
        {village.may.write && data && (
          <>
            <FundEntryModal code={village.regionCode} projects={data.projects} zh={zh} onDone={refresh} />
            <FundProjectModal village={village} zh={zh} onDone={refresh} />
          </>
        )}
        {village.may.write && (
          <span>
            <Switch
              checked={village.fundsPublished}
              onChange={(fundsPublished) => void villagesApi.patch(village.regionCode, { fundsPublished }).then(reload, setError)}
              data-testid="funds-publish"
            />{' '}
            {zh ? '向村民公开资金使用情况' : 'Publish the summary to villagers'}
          </span>
        )}
      </Space>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {cards.map(([title, value, key]) => (
          <Col key={key} xs={12} sm={8} lg={4}>
            <Card size="small" loading={!data}>
              <Statistic title={title} value={yuan(value)} data-testid={`funds-${key}`} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} lg={8}>
          <Card size="small" title={zh ? '资金来源' : 'Sources'}>
            {(totals?.bySource ?? []).map((s) => (
              <div key={s.sourceKind} style={{ display: 'flex', justifyContent: 'space-between' }}>
                <span>{pick(SOURCE[s.sourceKind], zh)}</span>
                <span>{yuan(s.amount)}</span>
              </div>
            ))}
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card size="small" title={zh ? '项目余额' : 'Projects'}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={data?.projects ?? []}
              data-testid="funds-projects"
              columns={[
                { title: zh ? '项目' : 'Project', dataIndex: 'name' },
                {
                  title: zh ? '用途' : 'Purpose',
                  dataIndex: 'purpose',
                  responsive: ['sm'],
                  render: (p: keyof typeof PURPOSE) => pick(PURPOSE[p], zh),
                },
                { title: zh ? '已分配' : 'Allocated', dataIndex: 'allocated', align: 'right', responsive: ['md'], render: yuan },
                { title: zh ? '已支出' : 'Spent', dataIndex: 'spent', align: 'right', render: yuan },
                { title: zh ? '余额' : 'Balance', dataIndex: 'balance', align: 'right', render: yuan },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={zh ? `台账（${data?.total ?? 0} 笔）` : `Entries (${data?.total ?? 0})`}>
        <Table<Entry>
          rowKey="id"
          size="small"
          loading={ledger.loading}
          dataSource={data?.entries ?? []}
          data-testid="funds-entries"
          pagination={{ current: page, pageSize: PAGE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: zh ? '日期' : 'Date', dataIndex: 'entryOn' },
            {
              title: zh ? '类型' : 'Kind',
              dataIndex: 'kind',
              render: (k: keyof typeof ENTRY_KIND) => (
                <Tag color={k === 'source' ? 'green' : k === 'allocation' ? 'blue' : 'orange'}>{pick(ENTRY_KIND[k], zh)}</Tag>
              ),
            },
            { title: zh ? '金额' : 'Amount', dataIndex: 'amount', align: 'right', render: yuan },
            {
              title: zh ? '项目/来源' : 'Project / source',
              key: 'what',
              responsive: ['sm'],
              render: (_, e) => e.projectName ?? (e.sourceKind ? pick(SOURCE[e.sourceKind], zh) : '—'),
            },
            { title: zh ? '收付单位' : 'Counterparty', dataIndex: 'counterparty', responsive: ['md'] },
            {
              title: zh ? '凭证号' : 'Voucher',
              dataIndex: 'voucherNo',
              responsive: ['md'],
              render: (v: string | null, e) => (
                <>
                  {v ?? '—'}
                  {e.attachmentName ? <Typography.Text type="secondary"> · {e.attachmentName}</Typography.Text> : null}
                </>
              ),
            },
            {
              title: zh ? '说明' : 'Note',
              key: 'note',
              responsive: ['lg'],
              render: (_, e) => (
                <>
                  {e.note ?? ''}
                  {e.overdraftNote ? <Tag color="red">{zh ? `超额：${e.overdraftNote}` : `Overdraft: ${e.overdraftNote}`}</Tag> : null}
                </>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
