import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { notificationChannelApi, type Target } from '../../api/notifications.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert.tsx';
import { useLoader } from '../../ui/useLoader.ts';
import { TargetFormModal } from './TargetFormModal.tsx';

const PAGE_SIZE = 20;

/** NTF-1 the channels the caller keeps: add, edit, send a test, remove. */
export function ChannelsPanel({ onChanged }: { onChanged: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<{ target: Target | null } | null>(null);
  const [testing, setTesting] = useState<string | null>(null);
  const { data, error, loading, reload } = useLoader(
    () => notificationChannelApi.listTargets({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    [page],
  );

  const sendTest = async (target: Target) => {
    setTesting(target.id);
    try {
      const r = await notificationChannelApi.testTarget(target.id);
      if (r.ok) message.success(t('channel.testOk'));
      else message.error(t('channel.testFailed', { error: r.error ?? '' }));
    } catch (err) {
      message.error(errorMessage(err, t));
    } finally {
      setTesting(null);
    }
  };

  const remove = async (target: Target) => {
    try {
      await notificationChannelApi.deleteTarget(target.id);
      message.success(t('common.saved'));
      reload();
      onChanged();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  const columns: ColumnsType<Target> = [
    {
      title: t('channel.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    { title: t('channel.kind'), dataIndex: 'kind', key: 'kind', render: (k: Target['kind']) => <Tag>{t(`channel.kind.${k}`)}</Tag> },
    {
      title: t('channel.address'),
      dataIndex: 'addressMasked',
      key: 'address',
      render: (a: string) => (
        <Typography.Text code ellipsis style={{ maxWidth: 280 }}>
          {a}
        </Typography.Text>
      ),
    },
    { title: t('channel.region'), dataIndex: 'regionCode', key: 'region', render: (r: string | null) => r ?? t('channel.allRegions') },
    {
      title: t('channel.topics'),
      dataIndex: 'topics',
      key: 'topics',
      render: (topics: string[] | null) => (topics ?? []).join(', ') || t('common.all'),
    },
    {
      title: t('channel.enabled'),
      dataIndex: 'enabled',
      key: 'enabled',
      render: (on: boolean) => <Tag color={on ? 'green' : 'default'}>{t(on ? 'channel.enabled' : 'channel.disabled')}</Tag>,
    },
    {
      title: t('channel.queue'),
      key: 'queue',
      render: (_: unknown, row) => (
        <span>
          {row.pending} / <Typography.Text type={row.failed > 0 ? 'danger' : undefined}>{row.failed}</Typography.Text>
        </span>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, row) => (
        <Space size={0} wrap>
          <Button
            type="link"
            size="small"
            loading={testing === row.id}
            onClick={() => void sendTest(row)}
            data-testid={`channel-test-${row.id}`}
          >
            {t('channel.test')}
          </Button>
          <Button type="link" size="small" onClick={() => setDialog({ target: row })}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('channel.deleteConfirm', { name: row.name })}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => remove(row)}
          >
            <Button type="link" size="small" danger>
              {t('channel.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ target: null })} data-testid="channel-create">
          {t('channel.create')}
        </Button>
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<Target>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
      {dialog && (
        <TargetFormModal
          target={dialog.target}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            message.success(t('common.saved'));
            reload();
            onChanged();
          }}
        />
      )}
    </>
  );
}
