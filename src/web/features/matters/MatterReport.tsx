import { Button, Card, Result, Skeleton } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { matterApi } from '../../api/matters.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { MatterForm } from './MatterForm.tsx';
import { useCategories } from './useCategories.ts';

/** MAT-1 我要反映: the enterprise portal's form, one column so it reads on a phone. */
export function MatterReport() {
  const t = useT();
  const navigate = useNavigate();
  const categories = useCategories();
  // A new form (and with it a new idempotency key) for each matter raised.
  const [round, setRound] = useState(0);
  const [done, setDone] = useState<{ id: string; code: string } | null>(null);

  const submitted = async (id: string) => {
    const code = await matterApi.get(id).then(
      (m) => m.code,
      () => id,
    );
    setDone({ id, code });
  };

  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      <PageHeader title={t('matter.report.title')} subtitle={t('matter.report.subtitle')} />
      <ErrorAlert error={categories.error} onRetry={categories.reload} />
      <Card>
        {done ? (
          <Result
            status="success"
            title={<span data-testid="matter-submitted">{t('matter.report.done', { code: done.code })}</span>}
            extra={[
              <Button key="view" type="primary" onClick={() => navigate(`/matters/${done.id}`)} data-testid="matter-follow">
                {t('matter.report.view')}
              </Button>,
              <Button
                key="again"
                onClick={() => {
                  setDone(null);
                  setRound((n) => n + 1);
                }}
              >
                {t('matter.report.again')}
              </Button>,
            ]}
          />
        ) : categories.data ? (
          <MatterForm
            key={round}
            categories={categories.data}
            onBehalf={false}
            submitLabel={t('matter.report.submit')}
            onSubmitted={(id) => void submitted(id)}
          />
        ) : (
          <Skeleton active />
        )}
      </Card>
    </div>
  );
}
