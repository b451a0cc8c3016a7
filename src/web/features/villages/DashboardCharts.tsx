import { Card, Col, Row } from 'antd';
import { EChart } from '../../ui/EChart.tsx';
import type { VillageDashboard } from './api.ts';
import { PURPOSE, SOURCE, pick } from './labels.ts';

const grid = { left: 8, right: 8, top: 36, bottom: 8, containLabel: true };

/** DSH-1 the county village dashboard's charts: income thresholds by year, funds by purpose and source, performances and visitors by month. */
export function DashboardCharts({ data, zh }: { data: VillageDashboard; zh: boolean }) {
  const years = data.incomeByYear;
  const purposes = data.funds.byPurpose;
  const wan = (n: number) => Math.round(n / 100) / 100;
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
      <Col xs={24} lg={12}>
        <Card size="small" title={zh ? '集体经营性收入超档村数' : 'Villages above each income threshold'}>
          <EChart
            height={260}
            data-testid="dash-chart-income"
            data-points={years.length}
            option={{
              tooltip: { trigger: 'axis' },
              legend: { top: 0 },
              grid,
              xAxis: { type: 'category', data: years.map((y) => String(y.year)) },
              yAxis: { type: 'value', minInterval: 1 },
              series: data.thresholds.map((t, i) => ({
                name: zh ? `超${t / 10_000}万元` : `> ¥${t.toLocaleString()}`,
                type: 'bar',
                data: years.map((y) => y.counts[i]?.villages ?? 0),
              })),
            }}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={zh ? '保护资金用途（万元）' : 'Funds by purpose (¥10k)'}>
          <EChart
            height={260}
            data-testid="dash-chart-funds"
            data-points={purposes.length}
            option={{
              tooltip: { trigger: 'axis' },
              legend: { top: 0 },
              grid,
              xAxis: { type: 'category', data: purposes.map((p) => pick(PURPOSE[p.purpose], zh)) },
              yAxis: { type: 'value' },
              series: [
                { name: zh ? '已分配' : 'Allocated', type: 'bar', data: purposes.map((p) => wan(p.allocated)) },
                { name: zh ? '已支出' : 'Spent', type: 'bar', data: purposes.map((p) => wan(p.spent)) },
              ],
            }}
          />
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card size="small" title={zh ? '资金来源' : 'Sources'}>
          <EChart
            height={240}
            data-points={data.funds.bySource.length}
            option={{
              tooltip: { trigger: 'item' },
              series: [
                {
                  type: 'pie',
                  radius: ['35%', '65%'],
                  data: data.funds.bySource.map((s) => ({ name: pick(SOURCE[s.sourceKind], zh), value: wan(s.amount) })),
                },
              ],
            }}
          />
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card size="small" title={zh ? `${data.year} 年非遗展演（场次）` : `Performances ${data.year}`}>
          <EChart
            height={240}
            data-testid="dash-chart-performances"
            data-points={data.heritage.byMonth.length}
            option={{
              tooltip: { trigger: 'axis' },
              grid,
              xAxis: { type: 'category', data: data.heritage.byMonth.map((m) => m.month.slice(5)) },
              yAxis: { type: 'value', minInterval: 1 },
              series: [{ name: zh ? '场次' : 'Performances', type: 'bar', data: data.heritage.byMonth.map((m) => m.performances) }],
            }}
          />
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card size="small" title={zh ? `${data.year} 年游客（人次）` : `Visitors ${data.year}`}>
          <EChart
            height={240}
            data-testid="dash-chart-visitors"
            data-points={data.tourism.byMonth.length}
            option={{
              tooltip: { trigger: 'axis' },
              grid,
              xAxis: { type: 'category', data: data.tourism.byMonth.map((m) => m.month.slice(5)) },
              yAxis: { type: 'value' },
              series: [
                {
                  name: zh ? '游客' : 'Visitors',
                  type: 'line',
                  smooth: true,
                  areaStyle: {},
                  data: data.tourism.byMonth.map((m) => m.visitors),
                },
              ],
            }}
          />
        </Card>
      </Col>
    </Row>
  );
}
