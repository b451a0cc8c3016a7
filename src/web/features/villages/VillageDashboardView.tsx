import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Select, Space, Statistic, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useUser } from '../../app/auth.tsx';
import { useLocale } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLoader } from '../../ui/useLoader.ts';
import { RegionPicker } from '../regions/RegionPicker.tsx';
import { villagesApi, type GridDashboard, type VillageDashboard } from './api.ts';
import { DashboardCharts } from './DashboardCharts.tsx';
import { wan, yuan } from './labels.ts';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

/**
 * DSH-1 the county's village dashboard: grid work (household coverage, visits per household, hazards found and
 * fixed, mediations resolved; /api/grid-dashboard) beside the villages' books (income thresholds, fund use,
 * performances, visitors; /api/village-dashboard), each exportable as Excel.
 */
export function VillageDashboardView() {
  const { locale } = useLocale();
  const zh = locale !== 'en';
  const user = useUser();
  const [picked, setPicked] = useState<string | null>(null);
  const regionCode = picked ?? user.regionCode ?? null;
  const [year, setYear] = useState(new Date().getFullYear());
  const books = useLoader((signal) => villagesApi.dashboard({ regionCode, year }, signal), [regionCode, year]);
  const grids = useLoader((signal) => (regionCode ? villagesApi.grids({ regionCode }, signal) : Promise.resolve(null)), [regionCode]);
  const d: VillageDashboard | undefined = books.data;
  const g: GridDashboard['totals'] | undefined = grids.data?.totals;
  const latest = d?.incomeByYear.findLast((y) => y.reported > 0);
  const years = Array.from({ length: 6 }, (_, i) => new Date().getFullYear() - i);
  const card = (title: string, value: string | number, testId: string, hint?: string) => (
    <Col key={testId} xs={12} sm={8} md={6} xl={4}>
      <Card size="small" loading={!d}>
        <Statistic title={title} value={value} data-testid={testId} />
        {hint ? <div style={{ fontSize: 12, opacity: 0.6 }}>{hint}</div> : null}
      </Card>
    </Col>
  );
  return (
    <>
      <PageHeader
        title={zh ? '传统村落统计' : 'Village dashboard'}
        subtitle={d?.region ? `${d.region.name} · ${d.year}` : undefined}
        extra={
          <>
            <Button icon={<DownloadOutlined />} href={villagesApi.dashboardXlsx({ regionCode, year })} data-testid="dash-excel">
              {zh ? '导出村落 Excel' : 'Villages Excel'}
            </Button>
            {regionCode && (
              <Button icon={<DownloadOutlined />} href={villagesApi.gridsXlsx({ regionCode })} data-testid="dash-grid-excel">
                {zh ? '导出网格 Excel' : 'Grids Excel'}
              </Button>
            )}
          </>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <div style={{ width: 240 }}>
          <RegionPicker value={picked} onChange={setPicked} placeholder={zh ? '区域（默认本级）' : 'Region (default: yours)'} />
        </div>
        <Select
          value={year}
          onChange={setYear}
          style={{ width: 110 }}
          options={years.map((y) => ({ value: y, label: zh ? `${y} 年` : String(y) }))}
          data-testid="dash-year"
        />
      </Space>
      <ErrorAlert error={books.error ?? grids.error} onRetry={books.reload} />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {card(zh ? '传统村落' : 'Traditional villages', d?.villages ?? 0, 'dash-villages')}
        {(latest?.counts ?? []).map((c) =>
          card(
            zh ? `${latest?.year} 年超${c.threshold / 10_000}万元` : `${latest?.year} > ¥${c.threshold.toLocaleString()}`,
            c.villages,
            `dash-latest-above-${c.threshold}`,
          ),
        )}
        {card(zh ? '保护资金到位' : 'Funds received', wan(d?.funds.received ?? 0, zh), 'dash-funds-received')}
        {card(
          zh ? '已支出' : 'Spent',
          wan(d?.funds.spent ?? 0, zh),
          'dash-funds-spent',
          d ? pct(d.funds.received ? d.funds.spent / d.funds.received : null) : undefined,
        )}
        {card(
          zh ? '非遗展演（场）' : 'Performances',
          d?.heritage.performances ?? 0,
          'dash-performances',
          zh ? `观众 ${d?.heritage.audience ?? 0} 人次` : `audience ${d?.heritage.audience ?? 0}`,
        )}
        {card(zh ? '去年以来游客（人次）' : 'Visitors since last year', d?.tourism.visitorsSincePreviousYear ?? 0, 'dash-visitors')}
        {card(zh ? '讲解员' : 'Guides', d?.tourism.guides ?? 0, 'dash-guides')}
        {card(
          zh ? '包户覆盖率' : 'Household coverage',
          pct(g?.coverageRate),
          'dash-coverage',
          g ? `${g.covered}/${g.households}` : undefined,
        )}
        {card(zh ? '户均走访' : 'Visits per household', g?.visitsPerHousehold?.toFixed(2) ?? '—', 'dash-visits')}
        {card(
          zh ? '隐患 发现/整改' : 'Hazards found/fixed',
          g ? `${g.hazardsFound}/${g.hazardsFixed}` : '—',
          'dash-hazards',
          g ? (zh ? `逾期 ${g.hazardsOverdue}` : `${g.hazardsOverdue} overdue`) : undefined,
        )}
        {card(
          zh ? '调解 化解/受理' : 'Mediations resolved',
          g ? `${g.mediationsResolved}/${g.mediations}` : '—',
          'dash-mediations',
          pct(g?.resolutionRate),
        )}
      </Row>
      {d && <DashboardCharts data={d} zh={zh} />}
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} lg={10}>
          <Card size="small" title={zh ? '各年超档村数' : 'Villages above thresholds by year'}>
            <Table
              rowKey="year"
              size="small"
              pagination={false}
              dataSource={d?.incomeByYear ?? []}
              data-testid="dash-income-years"
              columns={[
                { title: zh ? '年度' : 'Year', dataIndex: 'year' },
                { title: zh ? '填报村数' : 'Reported', dataIndex: 'reported' },
                ...(d?.thresholds ?? []).map((t, i) => ({
                  title: zh ? `超${t / 10_000}万` : `> ${t / 1000}k`,
                  key: String(t),
                  render: (_: unknown, y: VillageDashboard['incomeByYear'][number]) => (
                    <span data-testid={`dash-income-${y.year}-${t}`}>{y.counts[i]?.villages ?? 0}</span>
                  ),
                })),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={zh ? '旅游点' : 'Tourism sites'}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={d?.tourism.sites ?? []}
              data-testid="dash-sites"
              columns={[
                { title: zh ? '旅游点' : 'Site', dataIndex: 'name' },
                { title: zh ? '村' : 'Village', dataIndex: 'villageName', responsive: ['sm'] },
                { title: zh ? '讲解员' : 'Guides', dataIndex: 'guides' },
                { title: zh ? `${year} 年游客` : `Visitors ${year}`, dataIndex: 'visitors', responsive: ['md'] },
                { title: zh ? '去年以来' : 'Since last year', dataIndex: 'visitorsSincePreviousYear' },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={zh ? '分村情况' : 'Per village'}>
        <Table
          rowKey="regionCode"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={(d?.perVillage ?? []).map((v) => ({ ...v, grid: grids.data?.villages.find((x) => x.code === v.regionCode) }))}
          data-testid="dash-per-village"
          columns={[
            {
              title: zh ? '村' : 'Village',
              dataIndex: 'name',
              fixed: 'left',
              render: (n: string, v) => <Link to={`/villages/${v.regionCode}`}>{n}</Link>,
            },
            { title: zh ? '乡镇' : 'Township', dataIndex: 'townshipName' },
            {
              title: zh ? '经营性收入' : 'Income',
              key: 'income',
              align: 'right',
              render: (_, v) => (v.income === null ? '—' : `${yuan(v.income)} (${v.incomeYear})`),
            },
            { title: zh ? '资金到位' : 'Received', dataIndex: 'received', align: 'right', render: yuan },
            { title: zh ? '已支出' : 'Spent', dataIndex: 'spent', align: 'right', render: yuan },
            { title: zh ? '结余' : 'Balance', dataIndex: 'balance', align: 'right', render: yuan },
            { title: zh ? '展演' : 'Shows', dataIndex: 'performances' },
            { title: zh ? '游客' : 'Visitors', dataIndex: 'visitors' },
            { title: zh ? '危房' : 'Dangerous', dataIndex: 'dangerousBuildings' },
            { title: zh ? '包户覆盖' : 'Coverage', key: 'coverage', render: (_, v) => pct(v.grid?.coverageRate) },
            { title: zh ? '户均走访' : 'Visits/hh', key: 'visits', render: (_, v) => v.grid?.visitsPerHousehold?.toFixed(2) ?? '—' },
            {
              title: zh ? '隐患 发现/整改' : 'Hazards',
              key: 'hazards',
              render: (_, v) => (v.grid ? `${v.grid.hazardsFound}/${v.grid.hazardsFixed}` : '—'),
            },
            {
              title: zh ? '调解 化解/受理' : 'Mediations',
              key: 'med',
              render: (_, v) => (v.grid ? `${v.grid.mediationsResolved}/${v.grid.mediations}` : '—'),
            },
          ]}
        />
      </Card>
    </>
  );
}
