import { App, Button, Card, Descriptions, Flex, Input, List, Modal, Space, Tabs, Tag, Timeline, Typography } from 'antd';
import { applicationsClosed } from '../../../domain/policies/deadline.ts';
import { chinaDate } from '../../../domain/time.ts';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { policiesApi, type Policy } from '../../api/policies.ts';
import { useUser } from '../../app/auth.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLoader } from '../../ui/useLoader.ts';
import { ExplanationView, ModeTag, money, StatusTag, TriTag, useZh } from './bits.tsx';

const ACTION: Record<string, [string, string]> = {
  create: ['录入', 'Created'],
  update: ['修改', 'Changed'],
  publish: ['发布', 'Published'],
  withdraw: ['撤回', 'Withdrawn'],
};

/** POL-2 an officer's lists of one policy: the enterprises that qualify, and those one condition away with what they miss. */
function ResultLists({ policyId }: { policyId: string }) {
  const zh = useZh();
  const [kind, setKind] = useState<'met' | 'nearly'>('met');
  const [page, setPage] = useState(1);
  const { data, error, loading } = useLoader(
    (signal) => policiesApi.results(policyId, kind, (page - 1) * 20, signal),
    [policyId, kind, page],
  );
  return (
    <Card size="small" style={{ marginTop: 16 }}>
      <Tabs
        activeKey={kind}
        onChange={(k) => {
          setKind(k as 'met' | 'nearly');
          setPage(1);
        }}
        items={[
          { key: 'met', label: `${zh ? '符合条件的企业' : 'Eligible'} ${data?.counts.met ?? ''}` },
          { key: 'nearly', label: `${zh ? '差距清单（差一项）' : 'Gap list (one away)'} ${data?.counts.nearly ?? ''}` },
        ]}
      />
      {error !== null && <ErrorAlert error={error} />}
      <List
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, size: 'small', showSizeChanger: false }}
        renderItem={(r) => (
          <List.Item>
            <List.Item.Meta
              title={<Link to={`/enterprises/${r.enterpriseId}`}>{r.name}</Link>}
              description={<ExplanationView explanation={r.explanation} onlyOpen={kind === 'nearly'} />}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

/** POL-1 … POL-3 a policy: what it gives and to whom; for an enterprise its own result, applying and asking; for officers the lists. */
export function PolicyDetail({ id }: { id: string }) {
  const zh = useZh();
  const user = useUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { data: policy, error, loading, reload } = useLoader((signal) => policiesApi.get(id, signal), [id]);
  const [asking, setAsking] = useState(false);
  const [question, setQuestion] = useState('');
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const askKey = useMemo(() => `${id}-${Date.now().toString(36)}`, [id, asking]);

  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!policy) return loading ? <Card loading /> : null;

  const act = async (f: (p: Policy) => Promise<unknown>, done: string) => {
    setBusy(true);
    setActionError(null);
    try {
      await f(policy);
      message.success(done);
      reload();
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(false);
    }
  };
  const enterprise = user.role === 'enterprise';
  return (
    <>
      <PageHeader
        title={policy.title}
        subtitle={
          <Space wrap size={4}>
            <ModeTag mode={policy.mode} />
            <StatusTag status={policy.status} />
            <span>{policy.issuer}</span>
          </Space>
        }
        onBack={() => navigate(enterprise ? '/policies/mine' : '/policies')}
        extra={
          <Space wrap>
            {policy.mayEdit && (
              <Button onClick={() => navigate(`/policies/${id}/edit`)} data-testid="policy-edit">
                {zh ? '修改' : 'Edit'}
              </Button>
            )}
            {policy.mayEdit && policy.status !== 'published' && (
              <Button
                type="primary"
                loading={busy}
                onClick={() => void act((p) => policiesApi.publish(p.id, p.version), zh ? '已发布' : 'Published')}
              >
                {zh ? '发布' : 'Publish'}
              </Button>
            )}
            {policy.mayEdit && policy.status === 'published' && (
              <Button
                danger
                loading={busy}
                onClick={() => void act((p) => policiesApi.withdraw(p.id, p.version), zh ? '已撤回' : 'Withdrawn')}
              >
                {zh ? '撤回' : 'Withdraw'}
              </Button>
            )}
            {policy.status === 'published' && (
              <Button onClick={() => setAsking(true)} data-testid="policy-ask">
                {zh ? '政策咨询' : 'Ask a question'}
              </Button>
            )}
          </Space>
        }
      />
      {actionError !== null && <ErrorAlert error={actionError} />}
      {policy.mine && (
        <Card
          size="small"
          style={{ marginBottom: 16 }}
          title={
            <Space>
              {zh ? '贵企业是否符合' : 'Does your enterprise qualify'}
              <TriTag status={policy.mine.status} />
            </Space>
          }
          extra={
            enterprise &&
            policy.mode !== 'automatic' &&
            policy.mine.status === 'met' &&
            (applicationsClosed(policy.deadline, chinaDate()) ? (
              <Tag data-testid="deadline-passed">
                {zh ? `申报已于 ${policy.deadline} 截止` : `Applications closed on ${policy.deadline}`}
              </Tag>
            ) : (
              <Button
                type="primary"
                size="small"
                loading={busy}
                onClick={() => void act((p) => policiesApi.apply(p.id, {}), zh ? '已加入待申报' : 'Added to applications')}
              >
                {zh ? '我要申报' : 'Apply'}
              </Button>
            ))
          }
        >
          <ExplanationView explanation={policy.mine} />
        </Card>
      )}
      <Card size="small">
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={zh ? '扶持内容' : 'Benefit'}>{policy.benefit || '—'}</Descriptions.Item>
          <Descriptions.Item label={zh ? '扶持金额' : 'Amount'}>{money(policy.benefitAmount, zh)}</Descriptions.Item>
          <Descriptions.Item label={zh ? '适用区域' : 'Region'}>{policy.regionName ?? (zh ? '全国' : 'National')}</Descriptions.Item>
          <Descriptions.Item label={zh ? '有效期' : 'Valid'}>
            {policy.validFrom ?? '—'} ~ {policy.validTo ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={zh ? '申报截止' : 'Deadline'}>{policy.deadline ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={zh ? '联系方式' : 'Contact'}>{policy.contact ?? '—'}</Descriptions.Item>
          {policy.eligible !== null && <Descriptions.Item label={zh ? '符合条件企业' : 'Eligible'}>{policy.eligible}</Descriptions.Item>}
          <Descriptions.Item label={zh ? '版本' : 'Version'}>{policy.version}</Descriptions.Item>
        </Descriptions>
        {policy.fullText && (
          <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 6, expandable: true }}>
            {policy.fullText}
          </Typography.Paragraph>
        )}
      </Card>
      {policy.eligible !== null && policy.status === 'published' && <ResultLists policyId={id} />}
      {policy.history.length > 0 && (
        <Card size="small" title={zh ? '历史版本' : 'History'} style={{ marginTop: 16 }}>
          <Timeline
            items={policy.history.map((h) => ({
              children: `${h.at.slice(0, 16).replace('T', ' ')} · ${ACTION[h.action]?.[zh ? 0 : 1] ?? h.action} · v${h.version} · ${h.actorName}`,
            }))}
          />
        </Card>
      )}
      <Modal
        open={asking}
        title={zh ? '政策咨询（转为楼宇事项）' : 'Ask about this policy (becomes a matter)'}
        okText={zh ? '提交' : 'Send'}
        confirmLoading={busy}
        onCancel={() => setAsking(false)}
        onOk={async () => {
          setBusy(true);
          try {
            const r = await policiesApi.ask(id, question.trim(), askKey);
            setAsking(false);
            setQuestion('');
            message.success(zh ? '已提交，可在事项中跟进' : 'Sent; follow it as a matter');
            void navigate(`/matters/${r.matterId}`);
          } catch (err) {
            setActionError(err);
          } finally {
            setBusy(false);
          }
        }}
        okButtonProps={{ disabled: question.trim().length === 0 }}
      >
        <Flex vertical gap={8}>
          <Input.TextArea
            rows={4}
            maxLength={2000}
            value={question}
            onChange={(e) => setQuestion(e.target.value)}
            placeholder={zh ? '请描述您的问题' : 'Your question'}
          />
        </Flex>
      </Modal>
    </>
  );
}
