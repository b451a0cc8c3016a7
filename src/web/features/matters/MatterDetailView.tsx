import { Alert, App, Button, Card, Col, Flex, Row, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { matterApi, type MatterAction, type MatterDetail, type StepAction } from '../../api/matters.ts';
import { maySee } from '../../app/access.ts';
import { useUser } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLoader } from '../../ui/useLoader.ts';
import { ClockList, LevelLadder, PriorityTag, StatusTag, SupervisionTag } from './MatterBits.tsx';
import { MatterFacts, MatterSlips, MatterTimeline, PrintButtons } from './MatterPanels.tsx';
import { MatterTimeProvider } from './MatterTime.tsx';
import { StepModal } from './StepModal.tsx';
import { useMatterLabels } from './useMatterLabels.ts';

export interface LoadedMatter {
  matter: MatterDetail;
  /** When the server answered: the countdowns run from here. */
  answeredAt: number;
}

// The steps that move a matter forward stand out; side paths and annotations do not.
const PRIMARY: readonly MatterAction[] = [
  'register',
  'dispatch',
  'accept',
  'report_back',
  'reply',
  'rate',
  'provide_info',
  'approve_extension',
];
const DANGER: readonly MatterAction[] = ['return', 'withdraw', 'refuse_extension'];

/** The buttons of exactly the steps the server offers this user now. */
export function StepButtons({ actions, onStep }: { actions: readonly MatterAction[]; onStep: (a: StepAction) => void }) {
  const t = useT();
  const labels = useMatterLabels();
  const steps = actions.filter((a): a is StepAction => a !== 'collect');
  if (steps.length === 0) return <Typography.Text type="secondary">{t('matter.noActions')}</Typography.Text>;
  return (
    <Flex gap={8} wrap data-testid="matter-actions">
      {steps.map((a) => (
        <Button
          key={a}
          type={PRIMARY.includes(a) ? 'primary' : 'default'}
          danger={DANGER.includes(a)}
          onClick={() => onStep(a)}
          data-testid={`action-${a}`}
        >
          {labels.action(a)}
        </Button>
      ))}
    </Flex>
  );
}

function MatterBody({
  loaded,
  onChanged,
  onReload,
}: {
  loaded: LoadedMatter;
  onChanged: (m: MatterDetail | null) => void;
  onReload: () => void;
}) {
  const t = useT();
  const user = useUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const labels = useMatterLabels();
  const [step, setStep] = useState<StepAction | null>(null);
  const { matter, answeredAt } = loaded;
  const staff = maySee(user.role, 'matters');

  return (
    <>
      <PageHeader
        title={<span data-testid="matter-title">{matter.title}</span>}
        subtitle={<span data-testid="matter-code">{matter.code}</span>}
        onBack={() => navigate(staff ? '/matters' : '/matters/mine')}
        backLabel={t('common.back')}
        extra={staff ? <PrintButtons matter={matter} /> : undefined}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          <StatusTag status={matter.status} />
          <PriorityTag priority={matter.priority} />
          <SupervisionTag supervision={matter.supervision} />
        </Flex>
        <LevelLadder level={matter.level} />
      </Card>
      {matter.supervision && (
        <Alert
          type={matter.supervision === 'red' ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="supervision-card"
          title={t(`matter.supervision.${matter.supervision}`)}
          description={matter.events.findLast((e) => e.action === 'supervise')?.note ?? t('matter.supervision.hint')}
        />
      )}
      <Row gutter={16}>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 15, order: 1 }}>
          <MatterFacts matter={matter} />
          <MatterTimeline matter={matter} />
        </Col>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 9, order: 2 }}>
          {/* A closed matter has nothing left to do; saying so in a card of its own would only push the history down. */}
          {(matter.actions.length > 0 || (matter.status !== 'closed' && matter.status !== 'withdrawn')) && (
            <Card size="small" title={t('matter.section.actions')} style={{ marginBottom: 16 }}>
              <StepButtons actions={matter.actions} onStep={setStep} />
            </Card>
          )}
          {matter.clocks.length > 0 && (
            <Card size="small" title={t('matter.clocks')} style={{ marginBottom: 16 }}>
              <ClockList clocks={matter.clocks} answeredAt={answeredAt} withdrawn={matter.status === 'withdrawn'} />
            </Card>
          )}
          {staff && <MatterSlips matter={matter} />}
        </Col>
      </Row>
      {step && (
        <StepModal
          matter={matter}
          action={step}
          onClose={() => setStep(null)}
          onDone={({ matter: next }) => {
            message.success(t('matter.step.done', { action: labels.action(step) }));
            setStep(null);
            onChanged(next);
          }}
          onConflict={(text) => {
            message.error(text || t('matter.step.conflict'));
            setStep(null);
            onReload();
          }}
        />
      )}
    </>
  );
}

/** MAT-2 … MAT-8 one matter: where it stands on the ladder, its clocks, its timeline and slips, and the user's steps. */
export function MatterDetailView({ id }: { id: string }) {
  const navigate = useNavigate();
  const user = useUser();
  const { data, error, loading, reload } = useLoader(
    async (signal) => ({ matter: await matterApi.get(id, signal), answeredAt: Date.now() }),
    [id],
  );
  // A step answers with the matter as it now is; show that without asking again.
  const [fresh, setFresh] = useState<LoadedMatter | null>(null);
  useEffect(() => setFresh(null), [data]);
  const shown = fresh ?? data;

  return (
    <MatterTimeProvider>
      <ErrorAlert error={error} onRetry={reload} />
      {shown ? (
        <MatterBody
          loaded={shown}
          onReload={reload}
          onChanged={(m) => {
            // The step took the matter out of this user's sight (a department returning it): back to the list.
            if (!m) void navigate(maySee(user.role, 'matters') ? '/matters' : '/matters/mine');
            else setFresh({ matter: m, answeredAt: Date.now() });
          }}
        />
      ) : (
        loading && <Skeleton active />
      )}
    </MatterTimeProvider>
  );
}
