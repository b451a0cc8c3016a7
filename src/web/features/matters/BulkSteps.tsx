import { Alert, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { matterApi, type MatterSummary } from '../../api/matters.ts';
import { useT } from '../../app/i18n.ts';
import { errorMessage } from '../../ui/ErrorAlert.tsx';
import { BULK_STEPS, takeBulkStep, type BulkResult, type BulkStep } from './bulk.ts';
import { useMatterLabels } from './useMatterLabels.ts';

export interface BulkStepsProps {
  selected: readonly MatterSummary[];
  onDone: () => void;
}

/** 批量签收 / 批量登记 over the selected rows, with the rows that failed and why. */
export function BulkSteps({ selected, onDone }: BulkStepsProps) {
  const t = useT();
  const labels = useMatterLabels();
  const [busy, setBusy] = useState<BulkStep | null>(null);
  const [result, setResult] = useState<BulkResult | null>(null);

  const run = async (step: BulkStep) => {
    setBusy(step);
    setResult(null);
    const describe = (err: unknown) => (err instanceof ApiError ? errorMessage(err, t) : String(err));
    const outcome = await takeBulkStep({
      step,
      rows: selected,
      send: matterApi.step,
      describe,
      notApplicable: t('matter.bulk.notApplicable', { action: labels.action(step) }),
    });
    setBusy(null);
    setResult(outcome);
    onDone();
  };

  const applicable = (step: BulkStep) => selected.some((r) => r.status === BULK_STEPS[step].from);

  return (
    <>
      {selected.length > 0 && (
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} data-testid="bulk-bar">
          <Typography.Text>{t('matter.bulk.selected', { count: selected.length })}</Typography.Text>
          {(Object.keys(BULK_STEPS) as BulkStep[]).map((step) => (
            <Button
              key={step}
              onClick={() => void run(step)}
              loading={busy === step}
              disabled={busy !== null || !applicable(step)}
              data-testid={`bulk-${step}`}
            >
              {t(BULK_STEPS[step].label)}
            </Button>
          ))}
        </Flex>
      )}
      {result && (
        <Alert
          type={result.failures.length === 0 ? 'success' : result.ok === 0 ? 'error' : 'warning'}
          showIcon
          closable={{ onClose: () => setResult(null) }}
          style={{ marginBottom: 12 }}
          data-testid="bulk-result"
          title={t('matter.bulk.done', { ok: result.ok, failed: result.failures.length })}
          description={
            result.failures.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="bulk-failures">
                {result.failures.map((f) => (
                  <li key={f.code}>
                    {f.code}：{f.message}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
    </>
  );
}
