import { Card, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { enterpriseApi } from '../../api/registry.ts';
import { PARTY_ORG_STATUSES, SIZE_CLASSES, type Enterprise, type PartyOrgStatus, type SizeClass } from '../../api/registryTypes.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useIsPhone } from '../../ui/useIsPhone.ts';
import { useLoader } from '../../ui/useLoader.ts';
import { useUrlFilters } from '../../ui/useUrlFilters.ts';
import { CoverageTag } from '../buildings/tags.tsx';
import { IndustryPicker } from './IndustryPicker.tsx';

const PAGE_SIZE = 20;
const isSize = (v: string | undefined): v is SizeClass => SIZE_CLASSES.includes(v as SizeClass);
const isStatus = (v: string | undefined): v is PartyOrgStatus => PARTY_ORG_STATUSES.includes(v as PartyOrgStatus);

/** REG-2 enterprises in scope: name or credit code, industry, size, 重点企业 and party-organisation filters. */
export function EnterpriseList() {
  const t = useT();
  const phone = useIsPhone();
  const { get, page, update } = useUrlFilters();
  const q = get('q') ?? '';
  const industryCode = get('industryCode');
  const sizeRaw = get('sizeClass');
  const sizeClass = isSize(sizeRaw) ? sizeRaw : undefined;
  const statusRaw = get('partyOrgStatus');
  const partyOrgStatus = isStatus(statusRaw) ? statusRaw : undefined;
  const key = get('isKeyEnterprise') === 'true' ? 'true' : undefined;
  const [draftQ, setDraftQ] = useState(q);
  useEffect(() => setDraftQ(q), [q]);

  const { data, error, loading, reload } = useLoader(
    (signal) =>
      enterpriseApi.list(
        {
          q: q || undefined,
          industryCode,
          sizeClass,
          partyOrgStatus,
          isKeyEnterprise: key,
          limit: PAGE_SIZE,
          offset: (page - 1) * PAGE_SIZE,
        },
        signal,
      ),
    [q, industryCode, sizeClass, partyOrgStatus, key, page],
  );

  const columns: ColumnsType<Enterprise> = [
    {
      title: t('enterprise.name'),
      dataIndex: 'name',
      key: 'name',
      fixed: phone ? 'left' : undefined,
      render: (name: string, row) => (
        <span>
          <Link to={`/enterprises/${row.id}`} data-testid={`enterprise-link-${row.id}`}>
            {name}
          </Link>
          {row.isKeyEnterprise && (
            <Tag color="red" style={{ marginInlineStart: 6 }}>
              {t('enterprise.key')}
            </Tag>
          )}
        </span>
      ),
    },
    {
      title: t('enterprise.creditCode'),
      dataIndex: 'creditCode',
      key: 'code',
      responsive: ['md'],
      render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
    },
    { title: t('enterprise.industry'), dataIndex: 'industryName', key: 'industry', render: (n: string | null) => n ?? '—' },
    { title: t('enterprise.size'), dataIndex: 'sizeClass', key: 'size', render: (s: SizeClass | null) => (s ? t(`sizeClass.${s}`) : '—') },
    {
      title: t('enterprise.currentBuilding'),
      dataIndex: 'currentBuilding',
      key: 'building',
      render: (b: Enterprise['currentBuilding']) => (b ? <Link to={`/buildings/${b.id}`}>{b.name}</Link> : '—'),
    },
    { title: t('enterprise.coverage'), dataIndex: 'coverage', key: 'coverage', render: (s: PartyOrgStatus) => <CoverageTag status={s} /> },
  ];

  return (
    <>
      <PageHeader title={t('enterprise.title')} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          <Input.Search
            allowClear
            value={draftQ}
            onChange={(e) => setDraftQ(e.target.value)}
            onSearch={(value) => update({ q: value.trim() || undefined })}
            placeholder={t('enterprise.searchPlaceholder')}
            style={{ width: phone ? '100%' : 240 }}
            data-testid="enterprise-search"
          />
          <IndustryPicker
            value={industryCode ?? null}
            onChange={(code) => update({ industryCode: code ?? undefined })}
            placeholder={t('enterprise.industry')}
            style={{ width: phone ? '100%' : 240 }}
          />
          <Select<SizeClass>
            allowClear
            value={sizeClass}
            placeholder={t('enterprise.size')}
            style={{ width: phone ? '100%' : 120 }}
            onChange={(v) => update({ sizeClass: v })}
            options={SIZE_CLASSES.map((s) => ({ value: s, label: t(`sizeClass.${s}`) }))}
          />
          <Select<PartyOrgStatus>
            allowClear
            value={partyOrgStatus}
            placeholder={t('enterprise.partyOrgStatus')}
            style={{ width: phone ? '100%' : 170 }}
            onChange={(v) => update({ partyOrgStatus: v })}
            options={PARTY_ORG_STATUSES.map((s) => ({ value: s, label: t(`partyOrgStatus.${s}`) }))}
          />
          <Select<'true'>
            allowClear
            value={key}
            placeholder={t('enterprise.key')}
            style={{ width: phone ? '100%' : 120 }}
            onChange={(v) => update({ isKeyEnterprise: v })}
            options={[{ value: 'true', label: t('enterprise.key') }]}
          />
        </Flex>
      </Card>
      <ErrorAlert error={error} onRetry={reload} />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<Enterprise>
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
    </>
  );
}
