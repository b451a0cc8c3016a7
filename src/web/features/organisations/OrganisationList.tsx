import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { organisationApi } from '../../api/resources.ts';
import { ORGANISATION_KINDS, type Organisation, type OrganisationKind } from '../../api/types.ts';
import { mayWriteRecords } from '../../app/access.ts';
import { useUser } from '../../app/auth.tsx';
import { useLocale } from '../../app/i18n.ts';
import { useLabels } from '../../app/labels.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useIsPhone } from '../../ui/useIsPhone.ts';
import { useLoader } from '../../ui/useLoader.ts';
import { useUrlFilters } from '../../ui/useUrlFilters.ts';
import { RegionPicker } from '../regions/RegionPicker.tsx';
import { OrganisationFormModal } from './OrganisationFormModal.tsx';
import { OrganisationKindTag } from './OrganisationKindTag.tsx';

const PAGE_SIZE = 20;

function asKind(value: string | undefined): OrganisationKind | undefined {
  return ORGANISATION_KINDS.find((k) => k === value);
}

/** ORG-2 list: filters live in the URL, so a filtered list can be bookmarked and Back restores it. */
export function OrganisationList() {
  const { t, locale } = useLocale();
  const labels = useLabels();
  const user = useUser();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const { get, page, update } = useUrlFilters();
  const [creating, setCreating] = useState(false);

  const kind = asKind(get('kind'));
  const q = get('q') ?? '';
  const regionCode = get('regionCode');
  const [draftQ, setDraftQ] = useState(q);
  useEffect(() => setDraftQ(q), [q]);

  const { data, error, loading, reload } = useLoader(
    () => organisationApi.list({ kind, q: q || undefined, regionCode, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    [kind, q, regionCode, page],
  );

  const writable = mayWriteRecords(user.role);
  const columns: ColumnsType<Organisation> = [
    {
      title: t('org.name'),
      dataIndex: 'name',
      key: 'name',
      fixed: phone ? 'left' : undefined,
      render: (name: string, row) => (
        <Link to={`/organisations/${row.id}`} data-testid={`org-link-${row.id}`}>
          {name}
        </Link>
      ),
    },
    { title: t('org.kind'), key: 'kind', render: (_: unknown, row) => <OrganisationKindTag organisation={row} /> },
    { title: t('org.region'), dataIndex: 'regionName', key: 'region', render: (name: string | null, row) => name ?? row.regionCode },
    {
      title: t('org.creditCode'),
      dataIndex: 'creditCode',
      key: 'creditCode',
      render: (code: string | null) => (code ? <Typography.Text code>{code}</Typography.Text> : '—'),
    },
    { title: t('org.updatedAt'), dataIndex: 'updatedAt', key: 'updatedAt', render: (iso: string) => formatDateTime(iso, locale) },
  ];

  return (
    <>
      <PageHeader
        title={t('org.title')}
        extra={
          writable && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="org-create">
              {t('org.create')}
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
            placeholder={t('org.searchPlaceholder')}
            style={{ width: phone ? '100%' : 240 }}
            data-testid="org-search"
          />
          <Select<OrganisationKind>
            allowClear
            value={kind}
            placeholder={t('org.kind')}
            onChange={(value) => update({ kind: value })}
            options={ORGANISATION_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))}
            style={{ width: phone ? '100%' : 200 }}
          />
          <div style={{ width: phone ? '100%' : 280 }}>
            <RegionPicker
              value={regionCode ?? null}
              onChange={(code) => update({ regionCode: code ?? undefined })}
              placeholder={t('org.region')}
            />
          </div>
        </Flex>
      </Card>
      <ErrorAlert error={error} onRetry={reload} />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<Organisation>
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
      {creating && (
        <OrganisationFormModal
          defaults={
            regionCode
              ? { regionCode }
              : user.regionCode
                ? { regionCode: user.regionCode, ...(user.regionName ? { regionName: user.regionName } : {}) }
                : {}
          }
          onClose={() => setCreating(false)}
          onSaved={(saved) => {
            setCreating(false);
            void navigate(`/organisations/${saved.id}`);
          }}
        />
      )}
    </>
  );
}
