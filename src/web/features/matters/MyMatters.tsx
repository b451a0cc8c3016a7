import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, List, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { matterApi, type MatterSummary, type Satisfaction } from '../../api/matters.ts';
import { useLocale, useT } from '../../app/i18n.ts';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLoader } from '../../ui/useLoader.ts';
import { useUrlFilters } from '../../ui/useUrlFilters.ts';
import { ClockTag, StatusTag, useLiveClocks, useUrgency } from './MatterBits.tsx';
import { MatterTimeProvider } from './MatterTime.tsx';
import { SatisfactionChoice, StepModal } from './StepModal.tsx';
import { useMatterLabels } from './useMatterLabels.ts';

const PAGE_SIZE = 10;

/** MAT-7 the rating of a replied matter, right in the list: three buttons and a send. */
function RatingForm({ matter, onRated }: { matter: MatterSummary; onRated: () => void }) {
  const t = useT();
  const labels = useMatterLabels();
  const { message } = App.useApp();
  const [value, setValue] = useState<Satisfaction | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    if (!value) return;
    setBusy(true);
    try {
      await matterApi.step(matter.id, { action: 'rate', version: matter.version, satisfaction: value });
      message.success(t('matter.rated', { satisfaction: labels.satisfaction(value) }));
      onRated();
    } catch (err) {
      message.error(errorMessage(err, t));
      // A 409 means the matter moved on (rated from another device): show it as it is now.
      if (err instanceof ApiError && err.status === 409) onRated();
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid={`rate-${matter.code}`} style={{ marginTop: 12 }}>
      <Typography.Text strong>{t('matter.rate.prompt')}</Typography.Text>
      <Flex gap={8} wrap align="center" style={{ marginTop: 8 }}>
        <SatisfactionChoice value={value} onChange={setValue} />
        <Button type="primary" size="large" disabled={!value} loading={busy} onClick={() => void send()} data-testid="rate-send">
          {labels.action('rate')}
        </Button>
      </Flex>
    </div>
  );
}

function MatterCard({ matter, answeredAt, onChanged }: { matter: MatterSummary; answeredAt: number; onChanged: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const labels = useMatterLabels();
  const { message } = App.useApp();
  const [providing, setProviding] = useState(false);
  const live = useLiveClocks(matter.clocks, answeredAt);
  const urgent = useUrgency(matter.clocks, answeredAt);
  // What the enterprise waits for is the answer: its reply clock, or whichever runs when that one is done.
  const shown = live.find((c) => c.clock.kind === 'reply' && c.colour !== 'stopped') ?? urgent;
  const edge = urgent && matter.status !== 'closed' && matter.status !== 'withdrawn' ? ` ht-edge-${urgent.colour}` : '';

  return (
    <Card size="small" className={`ht-matter-card${edge}`} style={{ marginBottom: 12 }} data-testid={`my-matter-${matter.code}`}>
      <Flex justify="space-between" gap={8} align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Link to={`/matters/${matter.id}`} style={{ fontWeight: 600 }}>
            {matter.title}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {matter.code} · {matter.category.name} · {formatDateTime(matter.createdAt, locale)}
            </Typography.Text>
          </div>
        </div>
        <StatusTag status={matter.status} />
      </Flex>
      {shown && matter.status !== 'closed' && matter.status !== 'withdrawn' && (
        <div style={{ marginTop: 8 }}>
          <ClockTag live={shown} />
        </div>
      )}
      {matter.satisfaction && (
        <div style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">
            {t('matter.rated', { satisfaction: labels.satisfaction(matter.satisfaction) })}
          </Typography.Text>
        </div>
      )}
      {matter.status === 'replied' && !matter.satisfaction && <RatingForm matter={matter} onRated={onChanged} />}
      {matter.status === 'waiting_enterprise' && (
        <Flex gap={8} align="center" wrap style={{ marginTop: 12 }}>
          <Typography.Text type="warning">{t('matter.waitingInfo')}</Typography.Text>
          <Button type="primary" onClick={() => setProviding(true)} data-testid={`provide-${matter.code}`}>
            {labels.action('provide_info')}
          </Button>
        </Flex>
      )}
      {providing && (
        <StepModal
          matter={{ id: matter.id, version: matter.version, handlerOptions: [] }}
          action="provide_info"
          onClose={() => setProviding(false)}
          onDone={() => {
            setProviding(false);
            message.success(t('matter.step.done', { action: labels.action('provide_info') }));
            onChanged();
          }}
          onConflict={(text) => {
            setProviding(false);
            message.error(text);
            onChanged();
          }}
        />
      )}
    </Card>
  );
}

/** MAT-1 MAT-5 MAT-7 我的事项: the enterprise's matters as cards, each with its countdown and what is asked of it. */
export function MyMatters() {
  const t = useT();
  const navigate = useNavigate();
  const { page, update } = useUrlFilters();
  const { data, error, loading, reload } = useLoader(
    async (signal) => ({
      ...(await matterApi.list({ queue: 'all', limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal)),
      answeredAt: Date.now(),
    }),
    [page],
  );

  return (
    <MatterTimeProvider>
      <div style={{ maxWidth: 760, margin: '0 auto' }}>
        <PageHeader
          title={t('matter.my.title')}
          extra={
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/matters/new')}>
              {t('menu.matterReport')}
            </Button>
          }
        />
        <ErrorAlert error={error} onRetry={reload} />
        <List
          loading={loading && !data}
          dataSource={data?.items ?? []}
          data-testid="my-matters"
          locale={{ emptyText: <Empty description={t('matter.my.empty')} /> }}
          renderItem={(m) => <MatterCard key={m.id} matter={m} answeredAt={data?.answeredAt ?? Date.now()} onChanged={reload} />}
          pagination={
            (data?.total ?? 0) > PAGE_SIZE
              ? {
                  current: page,
                  pageSize: PAGE_SIZE,
                  total: data?.total ?? 0,
                  size: 'small',
                  onChange: (next) => update({ page: next > 1 ? String(next) : undefined }),
                }
              : false
          }
        />
      </div>
    </MatterTimeProvider>
  );
}
