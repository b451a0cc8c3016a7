import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Segmented, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { personApi } from '../../api/resources.ts';
import type { Person } from '../../api/types.ts';
import { mayWriteRecords } from '../../app/access.ts';
import { useUser } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useIsPhone } from '../../ui/useIsPhone.ts';
import { useLoader } from '../../ui/useLoader.ts';
import { useUrlFilters } from '../../ui/useUrlFilters.ts';
import { OrganisationPicker } from '../organisations/OrganisationPicker.tsx';
import { PersonFormModal } from './PersonFormModal.tsx';

const PAGE_SIZE = 20;
type PartyFilter = 'all' | 'true' | 'false';

/** ORG-3 list: name search and the party-member filter, kept in the URL. */
export function PersonList() {
  const t = useT();
  const user = useUser();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const { get, page, update } = useUrlFilters();
  const [creating, setCreating] = useState(false);

  const q = get('q') ?? '';
  const party: PartyFilter = get('partyMember') === 'true' ? 'true' : get('partyMember') === 'false' ? 'false' : 'all';
  const organisationId = get('organisationId');
  const [draftQ, setDraftQ] = useState(q);
  useEffect(() => setDraftQ(q), [q]);

  const { data, error, loading, reload } = useLoader(
    () =>
      personApi.list({
        q: q || undefined,
        partyMember: party === 'all' ? undefined : party === 'true',
        organisationId,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      }),
    [q, party, organisationId, page],
  );

  const columns: ColumnsType<Person> = [
    {
      title: t('person.name'),
      dataIndex: 'name',
      key: 'name',
      fixed: phone ? 'left' : undefined,
      render: (name: string, row) => (
        <Link to={`/people/${row.id}`} data-testid={`person-link-${row.id}`}>
          {name}
        </Link>
      ),
    },
    {
      title: t('person.isPartyMember'),
      dataIndex: 'isPartyMember',
      key: 'party',
      render: (member: boolean) => (member ? <Tag color="red">{t('person.partyMember')}</Tag> : <Tag>{t('person.notPartyMember')}</Tag>),
    },
    {
      title: t('person.gender'),
      dataIndex: 'gender',
      key: 'gender',
      render: (g: Person['gender']) => (g ? t(`person.gender.${g}`) : '—'),
    },
    { title: t('person.organisation'), dataIndex: 'organisationName', key: 'org', render: (name: string | null) => name ?? '—' },
    { title: t('person.region'), dataIndex: 'regionName', key: 'region', render: (name: string | null, row) => name ?? row.regionCode },
    { title: t('person.phone'), dataIndex: 'phone', key: 'phone', render: (p: string | null) => p ?? '—' },
  ];

  return (
    <>
      <PageHeader
        title={t('person.title')}
        extra={
          mayWriteRecords(user.role) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="person-create">
              {t('person.create')}
            </Button>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          <Input.Search
            allowClear
            value={draftQ}
            onChange={(e) => setDraftQ(e.target.value)}
            onSearch={(value) => update({ q: value.trim() || undefined })}
            placeholder={t('person.searchPlaceholder')}
            style={{ width: phone ? '100%' : 220 }}
            data-testid="person-search"
          />
          <Segmented<PartyFilter>
            value={party}
            onChange={(value) => update({ partyMember: value === 'all' ? undefined : value })}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'true', label: t('person.partyMember') },
              { value: 'false', label: t('person.notPartyMember') },
            ]}
          />
          <div style={{ width: phone ? '100%' : 260 }}>
            <OrganisationPicker
              value={organisationId ?? null}
              onChange={(id) => update({ organisationId: id ?? undefined })}
              placeholder={t('person.organisation')}
            />
          </div>
        </Flex>
      </Card>
      <ErrorAlert error={error} onRetry={reload} />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<Person>
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
        <PersonFormModal
          onClose={() => setCreating(false)}
          onSaved={(saved) => {
            setCreating(false);
            void navigate(`/people/${saved.id}`);
          }}
        />
      )}
    </>
  );
}
