import { Card, Col, Flex, Progress, Result, Row, Spin, Statistic, Table, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useLocale } from '../../app/i18n.ts';
import { PARTY_RED } from '../../app/theme.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useLoader } from '../../ui/useLoader.ts';
import { villagesApi } from './api.ts';
import { PURPOSE, SOURCE, pick, wan, yuan } from './labels.ts';

/**
 * VIL-2 the page a villager can be shown without an account (村务公开): what the village received, what it was
 * allocated to and what is spent, per project. The server sends aggregates only (no payees, vouchers or notes),
 * and only for a village that chose to publish.
 */
export function PublicFunds() {
  const { code = '' } = useParams();
  const { locale } = useLocale();
  const zh = locale !== 'en';
  const { data, error, loading, reload } = useLoader((signal) => villagesApi.publicFunds(code, signal), [code]);
  if (loading && !data) {
    return (
      <Flex align="center" justify="center" style={{ minHeight: '60vh' }}>
        <Spin />
      </Flex>
    );
  }
  if (error instanceof ApiError && error.status === 404) {
    return <Result status="404" title={zh ? '该村尚未公开资金使用情况' : 'This village has not published its funds'} />;
  }
  if (error || !data) return <ErrorAlert error={error} onRetry={reload} />;
  const t = data.totals;
  return (
    <div style={{ maxWidth: 960, margin: '0 auto', padding: 12 }} data-testid="public-funds">
      <div style={{ background: PARTY_RED, color: '#fff', padding: '16px 16px 12px', borderRadius: 8, marginBottom: 12 }}>
        <Typography.Title level={3} style={{ color: '#fff', margin: 0 }} data-testid="public-funds-title">
          {data.townshipName}
          {data.name}
        </Typography.Title>
        <div>{zh ? '传统村落保护资金使用情况公开' : 'Traditional-village protection funds: public summary'}</div>
        <div style={{ fontSize: 12, opacity: 0.85 }}>
          {zh ? `截至 ${data.asOf ?? '—'}，共支出 ${data.spendings} 笔` : `As of ${data.asOf ?? '—'}, ${data.spendings} payments`}
        </div>
      </div>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {(
          [
            [zh ? '到位资金' : 'Received', t.received, 'received'],
            [zh ? '已分配' : 'Allocated', t.allocated, 'allocated'],
            [zh ? '已支出' : 'Spent', t.spent, 'spent'],
            [zh ? '结余' : 'Balance', t.balance, 'balance'],
          ] as const
        ).map(([title, value, key]) => (
          <Col key={key} xs={12} md={6}>
            <Card size="small">
              <Statistic title={title} value={wan(value, zh)} data-testid={`public-funds-${key}`} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} md={10}>
          <Card size="small" title={zh ? '资金从哪里来' : 'Where it came from'}>
            {t.bySource.map((s) => (
              <Flex key={s.sourceKind} justify="space-between">
                <span>{pick(SOURCE[s.sourceKind], zh)}</span>
                <span>{yuan(s.amount)}</span>
              </Flex>
            ))}
          </Card>
        </Col>
        <Col xs={24} md={14}>
          <Card size="small" title={zh ? '钱用在哪里' : 'What it is for'}>
            {t.byPurpose.map((p) => (
              <div key={p.purpose} style={{ marginBottom: 8 }}>
                <Flex justify="space-between" wrap>
                  <span>{pick(PURPOSE[p.purpose], zh)}</span>
                  <span style={{ fontSize: 12 }}>
                    {zh ? '已支出' : 'spent'} {yuan(p.spent)} / {zh ? '分配' : 'allocated'} {yuan(p.allocated)}
                  </span>
                </Flex>
                <Progress percent={p.allocated > 0 ? Math.round((p.spent / p.allocated) * 100) : 0} size="small" />
              </div>
            ))}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={zh ? '项目明细' : 'Projects'}>
        <Table
          rowKey="name"
          size="small"
          pagination={false}
          dataSource={data.projects}
          data-testid="public-funds-projects"
          columns={[
            { title: zh ? '项目' : 'Project', dataIndex: 'name' },
            {
              title: zh ? '用途' : 'Purpose',
              dataIndex: 'purpose',
              responsive: ['sm'],
              render: (p: keyof typeof PURPOSE) => pick(PURPOSE[p], zh),
            },
            { title: zh ? '分配' : 'Allocated', dataIndex: 'allocated', align: 'right', responsive: ['md'], render: yuan },
            { title: zh ? '已支出' : 'Spent', dataIndex: 'spent', align: 'right', render: yuan },
            { title: zh ? '余额' : 'Balance', dataIndex: 'balance', align: 'right', render: yuan },
          ]}
        />
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
        {zh
          ? '本页仅公开汇总数据；收款单位、凭证等明细由村务监督委员会查阅。'
          : 'Totals only; payees and vouchers are open to the village supervisory committee.'}
      </Typography.Paragraph>
    </div>
  );
}
