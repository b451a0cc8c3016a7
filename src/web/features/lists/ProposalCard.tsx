import { Button, Card, Flex, Popconfirm, Progress, Space, Table, Tag, Typography } from 'antd';
import type { ResourceProposal, ScoreComponent } from '../../api/lists.ts';
import { useT } from '../../app/i18n.ts';
import { useListLabels } from './labels.ts';

interface Props {
  rank: number;
  proposal: ResourceProposal;
  mayConfirm: boolean;
  /** An enterprise may turn a proposal down for its own need, though only staff confirm (LST-3). */
  mayReject: boolean;
  busy: boolean;
  onConfirm: () => void;
  onReject: () => void;
}

/** LST-3 one ranked resource: its score and, for each component, the points and the server's reason. */
export function ProposalCard({ rank, proposal, mayConfirm, mayReject, busy, onConfirm, onReject }: Props) {
  const t = useT();
  const labels = useListLabels();
  const { resource } = proposal;
  return (
    <Card
      size="small"
      data-testid={`proposal-${resource.id}`}
      title={
        <Space wrap>
          <Tag color="red">#{rank}</Tag>
          <Typography.Text strong>{resource.title}</Typography.Text>
          <Typography.Text type="secondary">
            {resource.code} · {resource.provider}
          </Typography.Text>
        </Space>
      }
      extra={
        <Typography.Text strong data-testid="proposal-score">
          {t('need.score')} {proposal.score.toFixed(1)}
        </Typography.Text>
      }
    >
      <Table<ScoreComponent>
        rowKey="factor"
        size="small"
        pagination={false}
        dataSource={proposal.components}
        data-testid="proposal-reasons"
        columns={[
          { title: t('need.factor'), dataIndex: 'factor', width: 110, render: (f: ScoreComponent['factor']) => labels.factor(f) },
          {
            title: t('need.score'),
            key: 'points',
            width: 160,
            render: (_, c) => <Progress percent={Math.round(c.value * 100)} size="small" format={() => c.points.toFixed(1)} />,
          },
          { title: '', dataIndex: 'reason' },
        ]}
      />
      {(mayConfirm || mayReject) && (
        <Flex gap={8} justify="end" style={{ marginTop: 8 }}>
          <Button onClick={onReject} disabled={busy} data-testid="proposal-reject">
            {t('need.reject')}
          </Button>
          {mayConfirm && (
            <Popconfirm title={t('need.confirm')} onConfirm={onConfirm} okText={t('common.confirm')} cancelText={t('common.cancel')}>
              <Button type="primary" loading={busy} data-testid="proposal-confirm">
                {t('need.confirm')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      )}
    </Card>
  );
}
