import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Statistic, Table } from 'antd';
import { policiesApi } from '../../api/policies.ts';
import { EChart } from '../../ui/EChart.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLoader } from '../../ui/useLoader.ts';
import { money, useZh } from './bits.tsx';

/** POL-3 the dashboard: pushes, eligible vs applied vs granted and amounts, by policy, issuer and street; Excel export. */
export function Dashboard() {
  const zh = useZh();
  const { data, error, reload } = useLoader((signal) => policiesApi.dashboard(signal), []);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  const top = (data?.byPolicy ?? []).slice(0, 10);
  const series = (name: string, key: 'eligible' | 'applied' | 'granted') => ({ name, type: 'bar', data: top.map((p) => p[key]) });
  return (
    <>
      <PageHeader
        title={zh ? '惠企政策统计' : 'Policy dashboard'}
        extra={
          <Button icon={<DownloadOutlined />} href="/api/policy-dashboard.xlsx">
            {zh ? '导出 Excel' : 'Export Excel'}
          </Button>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {(
          [
            ['policies', '已发布政策', 'Published'],
            ['pushes', '推送企业', 'Pushed'],
            ['eligible', '符合条件', 'Eligible'],
            ['applied', '已申报', 'Applied'],
            ['granted', '已兑现', 'Granted'],
          ] as const
        ).map(([k, a, b]) => (
          <Col key={k} xs={12} sm={8} md={4}>
            <Card size="small">
              <Statistic title={zh ? a : b} value={data?.totals[k] ?? 0} />
            </Card>
          </Col>
        ))}
        <Col xs={24} sm={16} md={4}>
          <Card size="small">
            <Statistic title={zh ? '兑现金额' : 'Amount granted'} value={money(data?.totals.grantedAmount ?? 0, zh)} />
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={zh ? '符合 · 申报 · 兑现（前 10 项政策）' : 'Eligible · applied · granted (top 10)'}
        style={{ marginBottom: 12 }}
      >
        <EChart
          height={320}
          data-points={top.length}
          option={{
            tooltip: { trigger: 'axis' },
            legend: { top: 0, type: 'scroll' },
            grid: { top: 36, left: 8, right: 8, bottom: 8, containLabel: true },
            xAxis: {
              type: 'category',
              data: top.map((p) => (p.title.length > 10 ? `${p.title.slice(0, 10)}…` : p.title)),
              axisLabel: { rotate: 30 },
            },
            yAxis: { type: 'value' },
            series: [
              series(zh ? '符合' : 'Eligible', 'eligible'),
              series(zh ? '申报' : 'Applied', 'applied'),
              series(zh ? '兑现' : 'Granted', 'granted'),
            ],
          }}
        />
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={zh ? '按发文单位' : 'By issuer'}>
            <Table
              size="small"
              rowKey="issuer"
              dataSource={data?.byIssuer ?? []}
              pagination={{ pageSize: 10, size: 'small' }}
              columns={[
                { title: zh ? '发文单位' : 'Issuer', dataIndex: 'issuer' },
                { title: zh ? '符合' : 'Eligible', dataIndex: 'eligible' },
                { title: zh ? '兑现' : 'Granted', dataIndex: 'granted' },
                { title: zh ? '金额' : 'Amount', dataIndex: 'grantedAmount', render: (v: number) => money(v, zh) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={zh ? '按街道' : 'By street'}>
            <Table
              size="small"
              rowKey="regionCode"
              dataSource={data?.byStreet ?? []}
              pagination={{ pageSize: 10, size: 'small' }}
              columns={[
                { title: zh ? '街道' : 'Street', dataIndex: 'name' },
                { title: zh ? '推送' : 'Pushed', dataIndex: 'pushes' },
                { title: zh ? '符合' : 'Eligible', dataIndex: 'eligible' },
                { title: zh ? '兑现' : 'Granted', dataIndex: 'granted' },
                { title: zh ? '金额' : 'Amount', dataIndex: 'grantedAmount', render: (v: number) => money(v, zh) },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
