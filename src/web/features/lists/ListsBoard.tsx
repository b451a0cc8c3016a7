import { Button, Card, Col, Descriptions, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo, useState } from 'react';
import { boardApi, type BulkPlan, type Funnel, type FunnelCounts, type ListCategory } from '../../api/lists.ts';
import { useUser } from '../../app/auth.tsx';
import { useLocale, type Translate } from '../../app/i18n.ts';
import { EChart } from '../../ui/EChart.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLoader } from '../../ui/useLoader.ts';
import { useListLabels } from './labels.ts';

const STAGES = ['needs', 'matched', 'inProject', 'done'] as const satisfies readonly (keyof FunnelCounts)[];
const STAGE_COLORS = ['#c8102e', '#e0533f', '#f0884f', '#52c41a'];

function funnelOption(totals: FunnelCounts, t: Translate): EChartsCoreOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '10%',
        width: '80%',
        minSize: '20%',
        label: { show: true, position: 'inside', formatter: '{b}\n{c}' },
        data: STAGES.map((s, i) => ({ name: t(`board.stage.${s}`), value: totals[s], itemStyle: { color: STAGE_COLORS[i] } })),
      },
    ],
  };
}

/** The street's bulk plan beside the greedy baseline, computed on demand (nothing is written). */
function PlanCard({ regionCode }: { regionCode: string }) {
  const { t } = useLocale();
  const [plan, setPlan] = useState<BulkPlan | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [running, setRunning] = useState(false);
  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      setPlan(await boardApi.plan(regionCode));
    } catch (err) {
      setError(err);
    } finally {
      setRunning(false);
    }
  };
  return (
    <Card
      size="small"
      title={t('board.plan')}
      data-testid="board-plan"
      extra={
        <Button onClick={() => void run()} loading={running} data-testid="board-plan-run">
          {t('board.runPlan')}
        </Button>
      }
    >
      <ErrorAlert error={error} />
      <Typography.Text type="secondary">{t('board.planHint')}</Typography.Text>
      {plan && (
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          style={{ marginTop: 8 }}
          dataSource={[
            { key: 'opt', name: t('board.planOptimised'), matched: plan.matched, score: plan.totalScore },
            { key: 'greedy', name: t('board.planGreedy'), matched: plan.greedy.matched, score: plan.greedy.totalScore },
          ]}
          columns={[
            { title: '', dataIndex: 'name' },
            { title: t('board.planMatched'), dataIndex: 'matched' },
            { title: t('board.planScore'), dataIndex: 'score', render: (v: number) => v.toFixed(1) },
          ]}
          footer={() => (
            <Descriptions size="small" column={2}>
              <Descriptions.Item label={t('board.planUpperBound')}>{plan.upperBound.toFixed(1)}</Descriptions.Item>
              <Descriptions.Item label={t('board.planOptimal')}>
                <Tag color={plan.optimal ? 'green' : 'default'}>{plan.optimal ? t('common.yes') : t('common.no')}</Tag>
              </Descriptions.Item>
            </Descriptions>
          )}
        />
      )}
    </Card>
  );
}

/** LST-3 LST-4 the street board: needs → matched → project → done as a funnel, by category, projects by status. */
export function ListsBoard() {
  const { t, locale } = useLocale();
  const labels = useListLabels();
  const user = useUser();
  const { data, error, loading, reload } = useLoader((signal) => boardApi.funnel(undefined, signal), [locale]);
  const option = useMemo(() => (data ? funnelOption(data.totals, t) : null), [data, t]);
  const regionCode = data?.region?.code ?? user.regionCode;

  return (
    <>
      <PageHeader title={t('board.title')} subtitle={data?.region?.name} />
      <ErrorAlert error={error} onRetry={reload} />
      {loading && !data && <Skeleton active />}
      {data && option && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Card size="small" title={t('board.funnel')}>
              <Row gutter={8} style={{ marginBottom: 8 }} data-testid="funnel-totals">
                {STAGES.map((s) => (
                  <Col span={6} key={s}>
                    <Statistic title={t(`board.stage.${s}`)} value={data.totals[s]} data-testid={`funnel-${s}`} />
                  </Col>
                ))}
              </Row>
              <EChart
                option={option}
                height={280}
                data-testid="funnel-chart"
                data-points={data.totals.needs}
                aria-label={STAGES.map((s) => `${t(`board.stage.${s}`)} ${data.totals[s]}`).join(', ')}
              />
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            {regionCode && <PlanCard regionCode={regionCode} />}
            <Card size="small" title={t('board.projects')} style={{ marginTop: 16 }}>
              <Row gutter={8}>
                {(['in_progress', 'done', 'cancelled'] as const).map((s) => (
                  <Col span={8} key={s}>
                    <Statistic title={labels.projectStatus(s)} value={data.projects[s]} />
                  </Col>
                ))}
              </Row>
            </Card>
          </Col>
          <Col span={24}>
            <CategoryTable rows={data.byCategory} />
          </Col>
        </Row>
      )}
    </>
  );
}

function CategoryTable({ rows }: { rows: Funnel['byCategory'] }) {
  const { t } = useLocale();
  const labels = useListLabels();
  return (
    <Card size="small" title={t('board.byCategory')}>
      <Table
        rowKey="category"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 600 }}
        columns={[
          { title: t('lists.category'), dataIndex: 'category', render: (c: ListCategory) => labels.category(c) },
          ...STAGES.map((s) => ({ title: t(`board.stage.${s}`), dataIndex: s })),
        ]}
      />
    </Card>
  );
}
