import { App, Badge, Button, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { notificationChannelApi, OUTBOX_STATUSES, type OutboxMessage, type OutboxStatus } from '../../api/notifications.ts';
import { useLocale } from '../../app/i18n.ts';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { useLoader } from '../../ui/useLoader.ts';

const PAGE_SIZE = 20;
const STATUS_COLOR: Record<OutboxStatus, string> = {
  pending: 'blue',
  sending: 'processing',
  delivered: 'green',
  failed: 'red',
  cancelled: 'default',
};

/** NTF-1 what was sent where, what is waiting, and what failed — a failed message can be sent again. */
export function OutboxPanel({ refreshKey }: { refreshKey: number }) {
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const [status, setStatus] = useState<OutboxStatus | undefined>(undefined);
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useLoader(
    () => notificationChannelApi.listOutbox({ status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    [status, page, refreshKey],
  );

  const retry = async (row: OutboxMessage) => {
    try {
      await notificationChannelApi.retry(row.id);
      message.success(t('outbox.retried'));
      reload();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  const columns: ColumnsType<OutboxMessage> = [
    { title: t('outbox.createdAt'), dataIndex: 'createdAt', key: 'createdAt', render: (iso: string) => formatDateTime(iso, locale) },
    { title: t('outbox.message'), dataIndex: 'title', key: 'title' },
    {
      title: t('outbox.topic'),
      dataIndex: 'topic',
      key: 'topic',
      render: (topic: string) => <Typography.Text code>{topic}</Typography.Text>,
    },
    {
      title: t('outbox.target'),
      key: 'target',
      render: (_: unknown, row) => `${row.targetName ?? '—'} · ${t(`channel.kind.${row.targetKind}`)}`,
    },
    {
      title: t('outbox.status'),
      dataIndex: 'status',
      key: 'status',
      render: (s: OutboxStatus) => <Tag color={STATUS_COLOR[s]}>{t(`outbox.status.${s}`)}</Tag>,
    },
    { title: t('outbox.attempts'), dataIndex: 'attempts', key: 'attempts' },
    {
      title: t('outbox.nextAttempt'),
      dataIndex: 'nextAttemptAt',
      key: 'next',
      render: (iso: string | null) => (iso ? formatDateTime(iso, locale) : '—'),
    },
    {
      title: t('outbox.lastError'),
      dataIndex: 'lastError',
      key: 'lastError',
      render: (e: string | null) =>
        e ? (
          <Typography.Text type="danger" ellipsis={{ tooltip: e }} style={{ maxWidth: 260 }}>
            {e}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, row) =>
        row.status === 'failed' && (
          <Button type="link" size="small" onClick={() => void retry(row)} data-testid={`outbox-retry-${row.id}`}>
            {t('outbox.retry')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select<OutboxStatus>
          allowClear
          value={status}
          placeholder={t('outbox.allStatuses')}
          style={{ width: 180 }}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={OUTBOX_STATUSES.map((s) => ({
            value: s,
            label: (
              <Space size={6}>
                {t(`outbox.status.${s}`)}
                <Badge count={data?.counts[s] ?? 0} showZero={false} color={s === 'failed' ? 'red' : 'gray'} />
              </Space>
            ),
          }))}
        />
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<OutboxMessage>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
    </>
  );
}
