import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Flex, Modal, Select, Tag } from 'antd';
import { useState } from 'react';
import {
  LIST_CATEGORIES,
  PROVIDER_KINDS,
  resourceApi,
  type ListCategory,
  type ProviderKind,
  type Resource,
  type ResourceFilter,
} from '../../api/lists.ts';
import { useT } from '../../app/i18n.ts';
import { useUrlFilters } from '../../ui/useUrlFilters.ts';
import { useListLabels } from './labels.ts';
import { ListPage, usePagedList } from './ListPage.tsx';
import { ResourceForm } from './ResourceForm.tsx';

/** LST-2 资源清单 with filters, its Excel export and a form to offer a resource. */
export function ResourceList({ mayOffer }: { mayOffer: boolean }) {
  const t = useT();
  const labels = useListLabels();
  const filters = useUrlFilters();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Resource | null>(null);
  const filter: ResourceFilter = {
    category: LIST_CATEGORIES.find((c) => c === filters.get('category')),
    providerKind: PROVIDER_KINDS.find((k) => k === filters.get('providerKind')),
    available: filters.get('available') === 'true' ? 'true' : undefined,
    q: filters.get('q'),
  };
  const paged = usePagedList(
    (page, signal) => resourceApi.list({ ...filter, ...page }, signal),
    [filter.category, filter.providerKind, filter.available, filter.q],
  );

  // LST-2 withdrawing keeps the resource and its confirmed matches; it is only no longer proposed.
  const setStatus = (r: Resource, status: 'active' | 'withdrawn') => {
    const run = async () => {
      try {
        await resourceApi.update(r.id, { version: r.version, status });
        message.success(t(status === 'withdrawn' ? 'lists.resourceWithdrawn' : 'lists.resourceRestored'));
      } catch (err) {
        message.error(err instanceof Error ? err.message : String(err));
      }
      paged.reload();
    };
    if (status === 'active') return void run();
    Modal.confirm({
      title: t('lists.withdraw'),
      content: t('lists.withdrawResourceConfirm'),
      okText: t('lists.withdraw'),
      okButtonProps: { danger: true, ...({ 'data-testid': 'resource-withdraw-ok' } as Record<string, string>) },
      cancelText: t('common.cancel'),
      onOk: run,
    });
  };

  return (
    <>
      <ListPage<Resource>
        title={t('menu.resources')}
        list="resources"
        filter={filter}
        paged={paged}
        actions={
          mayOffer && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="resource-new">
              {t('lists.newResource')}
            </Button>
          )
        }
        columns={[
          { title: t('lists.code'), dataIndex: 'code', width: 110 },
          { title: t('lists.title'), dataIndex: 'title', width: 260 },
          { title: t('lists.category'), dataIndex: 'category', width: 120, render: (c: ListCategory) => labels.category(c) },
          { title: t('lists.provider'), key: 'provider', width: 200, render: (_, r) => r.provider.name },
          { title: t('lists.providerKind'), dataIndex: 'providerKind', width: 110, render: (k: ProviderKind) => labels.providerKind(k) },
          {
            title: t('lists.capacityLeft'),
            key: 'capacity',
            width: 110,
            render: (_, r) => (r.capacity === null ? t('lists.unlimited') : `${r.capacityLeft ?? 0} / ${r.capacity}`),
          },
          { title: t('lists.validUntil'), dataIndex: 'validUntil', width: 110, render: (d: string | null) => d ?? '—' },
          {
            title: t('lists.status'),
            dataIndex: 'status',
            width: 90,
            render: (s: Resource['status']) => <Tag color={s === 'active' ? 'green' : 'default'}>{labels.resourceStatus(s)}</Tag>,
          },
          {
            title: t('lists.actions'),
            key: 'actions',
            width: 130,
            fixed: 'right',
            render: (_, r) =>
              r.mayEdit && (
                <Flex gap={4}>
                  <Button size="small" type="link" onClick={() => setEditing(r)} data-testid={`resource-edit-${r.id}`}>
                    {t('lists.edit')}
                  </Button>
                  {r.status === 'active' ? (
                    <Button
                      size="small"
                      type="link"
                      danger
                      onClick={() => setStatus(r, 'withdrawn')}
                      data-testid={`resource-withdraw-${r.id}`}
                    >
                      {t('lists.withdraw')}
                    </Button>
                  ) : (
                    <Button size="small" type="link" onClick={() => setStatus(r, 'active')} data-testid={`resource-restore-${r.id}`}>
                      {t('lists.restore')}
                    </Button>
                  )}
                </Flex>
              ),
          },
        ]}
      >
        <Select
          allowClear
          placeholder={t('lists.category')}
          value={filter.category}
          onChange={(v?: string) => filters.update({ category: v })}
          options={LIST_CATEGORIES.map((c) => ({ value: c, label: labels.category(c) }))}
          style={{ width: 160 }}
        />
        <Select
          allowClear
          placeholder={t('lists.providerKind')}
          value={filter.providerKind}
          onChange={(v?: string) => filters.update({ providerKind: v })}
          options={PROVIDER_KINDS.map((k) => ({ value: k, label: labels.providerKind(k) }))}
          style={{ width: 150 }}
        />
        <Checkbox
          checked={filter.available === 'true'}
          onChange={(e) => filters.update({ available: e.target.checked ? 'true' : undefined })}
        >
          {t('lists.availableOnly')}
        </Checkbox>
      </ListPage>
      <ResourceForm
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          paged.reload();
        }}
      />
      {editing && (
        <ResourceForm
          open
          resource={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            paged.reload();
          }}
        />
      )}
    </>
  );
}
