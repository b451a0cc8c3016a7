import { App, Button, Card, Flex, Popconfirm, Table, Typography } from 'antd';
import { useState } from 'react';
import { instructorApi } from '../../api/registry.ts';
import type { AssignResult, PlanStats } from '../../api/registryServiceTypes.ts';
import { mayKeepRegistry } from '../../app/access.ts';
import { useUser } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { RegionPicker } from '../regions/RegionPicker.tsx';

const km = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 1 });

/**
 * SVC-1 an assignment run over a region: a preview shows the optimised plan beside the
 * first-come greedy baseline (distance, load balance), and applying it writes the plan.
 */
export function AssignmentPanel({ onApplied }: { onApplied: () => void }) {
  const t = useT();
  const user = useUser();
  const { message } = App.useApp();
  const [regionCode, setRegionCode] = useState<string | null>(user.regionCode);
  const [result, setResult] = useState<AssignResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [running, setRunning] = useState<'preview' | 'apply' | null>(null);

  const run = async (dryRun: boolean) => {
    if (!regionCode) return;
    setRunning(dryRun ? 'preview' : 'apply');
    setError(null);
    try {
      const r = await instructorApi.assign({ regionCode, dryRun });
      setResult(r);
      if (!dryRun) {
        message.success(t('svc.applied', { n: r.changed }));
        onApplied();
      }
    } catch (err) {
      setError(err);
    } finally {
      setRunning(null);
    }
  };

  const rows: { key: string; plan: string; stats: PlanStats }[] = result
    ? [
        { key: 'optimised', plan: t('svc.optimised'), stats: result.optimised },
        { key: 'greedy', plan: t('svc.greedy'), stats: result.greedy },
      ]
    : [];
  return (
    <Card size="small" title={t('svc.assign')} data-testid="assignment-panel">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('svc.assignHint')}
      </Typography.Paragraph>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <div style={{ flex: '1 1 220px', minWidth: 200 }}>
          <RegionPicker
            value={regionCode}
            onChange={setRegionCode}
            placeholder={t('svc.assignRegion')}
            allowClear={false}
            data-testid="assign-region"
          />
        </div>
        <Button onClick={() => void run(true)} loading={running === 'preview'} disabled={!regionCode} data-testid="assign-preview">
          {t('svc.dryRun')}
        </Button>
        {mayKeepRegistry(user.role) && (
          <Popconfirm
            title={t('svc.applyConfirm')}
            onConfirm={() => void run(false)}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
          >
            <Button type="primary" loading={running === 'apply'} disabled={!regionCode} data-testid="assign-apply">
              {t('svc.apply')}
            </Button>
          </Popconfirm>
        )}
      </Flex>
      <ErrorAlert error={error} />
      {result && (
        <>
          <Typography.Text type="secondary" data-testid="assign-summary">
            {t('svc.runSummary', {
              enterprises: result.enterprises,
              instructors: result.instructors,
              pinned: result.pinned,
              ms: Math.round(result.elapsedMs),
              optimal: result.optimal ? t('svc.proven') : '',
            })}
          </Typography.Text>
          <Table
            size="small"
            style={{ marginTop: 8 }}
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={rows}
            data-testid="assign-stats"
            columns={[
              { title: t('svc.plan'), dataIndex: 'plan', fixed: 'left' },
              { title: t('svc.assigned'), render: (_, r) => r.stats.assigned },
              { title: t('svc.unassignedCount'), render: (_, r) => r.stats.unassigned },
              { title: t('svc.totalKm'), render: (_, r) => km(r.stats.totalDistanceKm) },
              { title: t('svc.objective'), render: (_, r) => km(r.stats.objective) },
              { title: t('svc.maxLoad'), render: (_, r) => r.stats.maxLoad },
              { title: t('svc.stdDev'), render: (_, r) => r.stats.loadStdDev.toFixed(2) },
            ]}
          />
        </>
      )}
    </Card>
  );
}
