import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { userApi } from '../../api/resources.ts';
import { ROLES, type Role, type User } from '../../api/types.ts';
import { ROLES_MANAGED_BY } from '../../app/access.ts';
import { useUser } from '../../app/auth.tsx';
import { useLocale } from '../../app/i18n.ts';
import { useLabels } from '../../app/labels.ts';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useIsPhone } from '../../ui/useIsPhone.ts';
import { useLoader } from '../../ui/useLoader.ts';
import { useUrlFilters } from '../../ui/useUrlFilters.ts';
import { PasswordModal } from './PasswordModal.tsx';
import { UserFormModal } from './UserFormModal.tsx';

const PAGE_SIZE = 20;

type Dialog = { kind: 'create' } | { kind: 'edit'; account: User } | { kind: 'password'; account: User } | null;

function StatusTags({ account }: { account: User }) {
  const { t } = useLocale();
  if (!account.disabled && !account.locked) return <Tag color="green">{t('user.active')}</Tag>;
  return (
    <Space size={4} wrap>
      {account.disabled && <Tag color="default">{t('user.disabled')}</Tag>}
      {account.locked && <Tag color="orange">{t('user.locked')}</Tag>}
    </Space>
  );
}

/** SEC-1 account administration inside the signed-in user's region. */
export function UserList() {
  const { t, locale } = useLocale();
  const labels = useLabels();
  const me = useUser();
  const phone = useIsPhone();
  const { message } = App.useApp();
  const { get, page, update } = useUrlFilters();
  const [dialog, setDialog] = useState<Dialog>(null);

  const q = get('q') ?? '';
  const role = ROLES.find((r) => r === get('role'));
  const [draftQ, setDraftQ] = useState(q);
  useEffect(() => setDraftQ(q), [q]);

  const { data, error, loading, reload } = useLoader(
    () => userApi.list({ q: q || undefined, role, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    [q, role, page],
  );

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      message.success(done);
      reload();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  const columns: ColumnsType<User> = [
    {
      title: t('user.username'),
      dataIndex: 'username',
      key: 'username',
      fixed: phone ? 'left' : undefined,
      render: (name: string, row) => (
        <Typography.Text strong data-testid={`user-row-${name}`}>
          {name}
          {row.id === me.id && <Tag style={{ marginInlineStart: 6 }}>{t('user.self')}</Tag>}
        </Typography.Text>
      ),
    },
    { title: t('user.displayName'), dataIndex: 'displayName', key: 'displayName' },
    { title: t('user.role'), dataIndex: 'role', key: 'role', render: (r: Role) => <Tag color="red">{labels.role(r)}</Tag> },
    { title: t('user.scope'), key: 'scope', render: (_: unknown, row) => labels.scope(row) },
    { title: t('user.status'), key: 'status', render: (_: unknown, row) => <StatusTags account={row} /> },
    { title: t('user.createdAt'), dataIndex: 'createdAt', key: 'createdAt', render: (iso: string) => formatDateTime(iso, locale) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, row) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', account: row })}>
            {t('common.edit')}
          </Button>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'password', account: row })}>
            {t('user.resetPassword')}
          </Button>
          {row.locked && (
            <Button type="link" size="small" onClick={() => void act(() => userApi.unlock(row.id), t('user.unlocked'))}>
              {t('user.unlock')}
            </Button>
          )}
          {row.id !== me.id &&
            (row.disabled ? (
              <Button
                type="link"
                size="small"
                onClick={() => void act(() => userApi.update(row.id, { disabled: false }), t('common.saved'))}
              >
                {t('user.enable')}
              </Button>
            ) : (
              <Popconfirm
                title={t('user.disableConfirm', { name: row.displayName })}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() => act(() => userApi.update(row.id, { disabled: true }), t('common.saved'))}
              >
                <Button type="link" size="small" danger>
                  {t('user.disable')}
                </Button>
              </Popconfirm>
            ))}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('user.title')}
        extra={
          ROLES_MANAGED_BY[me.role].length > 0 && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })} data-testid="user-create">
              {t('user.create')}
            </Button>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap>
          <Input.Search
            allowClear
            value={draftQ}
            onChange={(e) => setDraftQ(e.target.value)}
            onSearch={(value) => update({ q: value.trim() || undefined })}
            placeholder={t('user.searchPlaceholder')}
            style={{ width: phone ? '100%' : 240 }}
          />
          <Select<Role>
            allowClear
            value={role}
            placeholder={t('user.role')}
            onChange={(value) => update({ role: value })}
            options={ROLES.map((r) => ({ value: r, label: labels.role(r) }))}
            style={{ width: phone ? '100%' : 200 }}
          />
        </Flex>
      </Card>
      <ErrorAlert error={error} onRetry={reload} />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<User>
          rowKey="id"
          size={phone ? 'small' : 'middle'}
          loading={loading}
          columns={columns}
          dataSource={data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('common.total', { total }),
            onChange: (next) => update({ page: next > 1 ? String(next) : undefined }),
          }}
        />
      </Card>
      {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
        <UserFormModal
          account={dialog.kind === 'edit' ? dialog.account : undefined}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            reload();
          }}
        />
      )}
      {dialog?.kind === 'password' && (
        <PasswordModal
          account={dialog.account}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            reload();
          }}
        />
      )}
    </>
  );
}
