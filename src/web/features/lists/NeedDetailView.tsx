import { App, Button, Card, Col, Descriptions, Empty, Flex, Progress, Row, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { needApi, type NeedDecision } from '../../api/lists.ts';
import { useLocale } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLoader } from '../../ui/useLoader.ts';
import { NEED_STATUS_COLOR, PROJECT_STATUS_COLOR, URGENCY_COLOR, useListLabels } from './labels.ts';
import { NeedForm } from './NeedForm.tsx';
import { NeedWithdraw } from './NeedWithdraw.tsx';
import { ProposalCard } from './ProposalCard.tsx';

/** LST-1 LST-3 one need: what was asked, its ranked proposals with reasons, confirm or reject, and its project. */
export function NeedDetailView({ id }: { id: string }) {
  const { t, locale } = useLocale();
  const labels = useListLabels();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const need = useLoader((signal) => needApi.get(id, signal), [id, locale]);
  const matchable = need.data ? ['open', 'matched', 'in_project'].includes(need.data.status) : false;
  const proposals = useLoader(
    (signal) => (matchable ? needApi.proposals(id, 10, signal) : Promise.resolve(null)),
    [id, matchable, need.data?.version, need.data?.decisions.length, locale],
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [dialog, setDialog] = useState<'edit' | 'withdraw' | null>(null);

  const act = async (resourceId: string, action: () => Promise<void>) => {
    setBusy(resourceId);
    setActionError(null);
    try {
      await action();
      need.reload();
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(null);
    }
  };
  const confirm = (resourceId: string) =>
    act(resourceId, async () => {
      const result = await needApi.confirm(id, { resourceId });
      message.success(result.projectCode ? t('need.confirmed', { code: result.projectCode }) : t('need.confirmedNoProject'));
    });
  const reject = (resourceId: string) =>
    act(resourceId, async () => {
      await needApi.reject(id, resourceId);
      message.success(t('need.rejected'));
    });

  const data = need.data;
  return (
    <>
      <PageHeader
        title={data ? data.title : t('menu.needs')}
        subtitle={data?.code}
        onBack={() => navigate('/needs')}
        backLabel={t('common.back')}
        extra={
          data?.mayEdit && (
            <>
              {/* What was asked can change while nothing is matched yet; withdrawing is possible until a project takes it. */}
              {data.status === 'open' && (
                <Button onClick={() => setDialog('edit')} data-testid="need-edit">
                  {t('lists.edit')}
                </Button>
              )}
              {(data.status === 'open' || data.status === 'matched') && (
                <Button danger onClick={() => setDialog('withdraw')} data-testid="need-withdraw">
                  {t('lists.withdraw')}
                </Button>
              )}
            </>
          )
        }
      />
      {data && dialog === 'edit' && (
        <NeedForm
          open
          need={data}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            need.reload();
          }}
        />
      )}
      {data && dialog === 'withdraw' && (
        <NeedWithdraw
          needId={data.id}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            need.reload();
          }}
        />
      )}
      <ErrorAlert error={need.error} onRetry={need.reload} />
      {need.loading && !data && <Skeleton active />}
      {data && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={9}>
            <Card size="small" data-testid="need-summary">
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('lists.status')}>
                  <Tag color={NEED_STATUS_COLOR[data.status]} data-testid="need-status">
                    {labels.needStatus(data.status)}
                  </Tag>
                </Descriptions.Item>
                <Descriptions.Item label={t('lists.category')}>{labels.category(data.category)}</Descriptions.Item>
                <Descriptions.Item label={t('lists.requester')}>
                  {data.requesterName} ({labels.requesterKind(data.requesterKind)})
                </Descriptions.Item>
                <Descriptions.Item label={t('lists.building')}>{data.building?.name ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('lists.quantity')}>{data.quantity}</Descriptions.Item>
                <Descriptions.Item label={t('lists.urgency')}>
                  <Tag color={URGENCY_COLOR[data.urgency]}>{labels.urgency(data.urgency)}</Tag>
                </Descriptions.Item>
                <Descriptions.Item label={t('lists.createdAt')}>{formatDateTime(data.createdAt, locale)}</Descriptions.Item>
                {data.closeReason && (
                  <Descriptions.Item label={t('lists.withdrawReason')}>
                    <span data-testid="need-close-reason">{data.closeReason}</span>
                  </Descriptions.Item>
                )}
              </Descriptions>
              {data.description && <Typography.Paragraph style={{ marginTop: 8 }}>{data.description}</Typography.Paragraph>}
            </Card>
            <Card size="small" title={t('lists.project')} style={{ marginTop: 16 }} data-testid="need-project">
              {data.project ? (
                <Flex vertical gap={8}>
                  <Link to={`/projects/${data.project.id}`} data-testid="need-project-link">
                    {data.project.code} · {data.project.name}
                  </Link>
                  <Flex gap={8} align="center">
                    <Tag color={PROJECT_STATUS_COLOR[data.project.status]}>{labels.projectStatus(data.project.status)}</Tag>
                    <Progress percent={Math.round(data.project.progress)} size="small" style={{ flex: 1 }} />
                  </Flex>
                </Flex>
              ) : (
                <Typography.Text type="secondary">{t('need.projectNone')}</Typography.Text>
              )}
            </Card>
            {data.decisions.length > 0 && (
              <Card size="small" title={t('need.decisions')} style={{ marginTop: 16 }}>
                <Table<NeedDecision>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={data.decisions}
                  columns={[
                    { title: t('menu.resources'), key: 'r', render: (_, d) => `${d.resourceCode} ${d.resourceTitle}` },
                    { title: t('need.score'), dataIndex: 'score', width: 60, render: (s: number) => s.toFixed(1) },
                    {
                      title: t('lists.status'),
                      dataIndex: 'status',
                      width: 80,
                      render: (s: NeedDecision['status']) => t(`need.decision.${s}`),
                    },
                  ]}
                />
              </Card>
            )}
          </Col>
          <Col xs={24} lg={15}>
            <Card
              size="small"
              title={t('need.proposals')}
              extra={<Typography.Text type="secondary">{t('need.proposalsHint')}</Typography.Text>}
              data-testid="need-proposals"
            >
              <ErrorAlert error={proposals.error ?? actionError} onRetry={proposals.reload} />
              {proposals.loading && !proposals.data && <Skeleton active />}
              {proposals.data && proposals.data.items.length === 0 && <Empty description={t('need.noProposals')} />}
              <Flex vertical gap={12}>
                {proposals.data?.items.map((p, i) => (
                  <ProposalCard
                    key={p.resource.id}
                    rank={i + 1}
                    proposal={p}
                    mayConfirm={data.mayConfirm}
                    mayReject={data.mayConfirm || data.mayEdit}
                    busy={busy === p.resource.id}
                    onConfirm={() => void confirm(p.resource.id)}
                    onReject={() => void reject(p.resource.id)}
                  />
                ))}
              </Flex>
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
