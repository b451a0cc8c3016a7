import { ApartmentOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Descriptions, Empty, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { regionApi } from '../../api/resources.ts';
import type { Region, RegionSummary } from '../../api/types.ts';
import { maySee } from '../../app/access.ts';
import { useUser } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.ts';
import { useLabels } from '../../app/labels.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useIsPhone } from '../../ui/useIsPhone.ts';
import { useLoader } from '../../ui/useLoader.ts';
import { RegionSearch } from './RegionSearch.tsx';

interface View {
  region: (Region & Partial<RegionSummary>) | null;
  ancestors: Region[];
  children: RegionSummary[];
}

const regionPath = (code: string) => `/regions/${code}`;

function hasCounts(region: Region & Partial<RegionSummary>): region is RegionSummary {
  return typeof region.childCount === 'number';
}

/** ORG-1: walk the region tree from the caller's roots down to a village, with counts at every level. */
export function RegionBrowser({ code }: { code: string | undefined }) {
  const t = useT();
  const labels = useLabels();
  const user = useUser();
  const phone = useIsPhone();
  const navigate = useNavigate();

  const { data, error, loading, reload } = useLoader<View>(async () => {
    if (!code) {
      const { items } = await regionApi.roots();
      return { region: null, ancestors: [], children: items };
    }
    const detail = await regionApi.get(code);
    return { region: detail.region, ancestors: detail.ancestors, children: detail.children };
  }, [code]);

  const region = data?.region ?? null;

  const breadcrumb = (
    <Breadcrumb
      data-testid="region-breadcrumb"
      items={[
        { key: 'root', title: <Link to="/regions">{t('region.roots')}</Link> },
        ...(data?.ancestors ?? []).map((a) => ({
          key: a.code,
          title: (
            <Link to={regionPath(a.code)} data-testid={`region-crumb-${a.code}`}>
              {a.name}
            </Link>
          ),
        })),
        ...(region ? [{ key: region.code, title: <span data-testid="region-current">{region.name}</span> }] : []),
      ]}
    />
  );

  const columns: ColumnsType<RegionSummary> = [
    {
      title: t('region.name'),
      dataIndex: 'name',
      key: 'name',
      fixed: phone ? 'left' : undefined,
      render: (name: string, row) => (
        <Link to={regionPath(row.code)} onClick={(e) => e.stopPropagation()} data-testid={`region-link-${row.code}`}>
          {name}
        </Link>
      ),
    },
    { title: t('region.code'), dataIndex: 'code', key: 'code', render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
    { title: t('region.level'), dataIndex: 'level', key: 'level', render: (l: RegionSummary['level']) => labels.level(l) },
    { title: t('region.childCount'), dataIndex: 'childCount', key: 'childCount', align: 'right' },
    { title: t('region.organisationCount'), dataIndex: 'organisationCount', key: 'organisationCount', align: 'right' },
    { title: t('region.personCount'), dataIndex: 'personCount', key: 'personCount', align: 'right' },
    { title: t('region.userCount'), dataIndex: 'userCount', key: 'userCount', align: 'right' },
  ];

  const rowProps = (row: RegionSummary): HTMLAttributes<HTMLElement> => {
    // data-* attributes are not in the HTMLAttributes type, so they travel through a spread.
    const testing: Record<string, string> = { 'data-testid': `region-row-${row.code}` };
    return { ...testing, className: 'ht-clickable-row', onClick: () => navigate(regionPath(row.code)) };
  };

  const isVillage = region?.level === 'village';

  return (
    <>
      <PageHeader
        top={breadcrumb}
        title={region ? region.name : t('region.title')}
        subtitle={region ? `${labels.level(region.level)} · ${region.code}` : undefined}
        extra={<RegionSearch onPick={(r) => navigate(regionPath(r.code))} />}
      />
      <ErrorAlert error={error} onRetry={reload} />

      {region && (
        <Card size="small" style={{ marginBottom: 16 }} data-testid="region-info">
          <Descriptions size="small" column={{ xs: 2, sm: 3, md: 4, lg: 7 }}>
            <Descriptions.Item label={t('region.name')}>{region.name}</Descriptions.Item>
            <Descriptions.Item label={t('region.code')}>
              <Typography.Text code copyable>
                {region.code}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('region.level')}>
              <Tag color="red">{labels.level(region.level)}</Tag>
            </Descriptions.Item>
            {hasCounts(region) && (
              <>
                <Descriptions.Item label={t('region.childCount')}>{region.childCount}</Descriptions.Item>
                <Descriptions.Item label={t('region.organisationCount')}>{region.organisationCount}</Descriptions.Item>
                <Descriptions.Item label={t('region.personCount')}>{region.personCount}</Descriptions.Item>
                <Descriptions.Item label={t('region.userCount')}>{region.userCount}</Descriptions.Item>
              </>
            )}
          </Descriptions>
          {maySee(user.role, 'organisations') && (
            <Button
              size="small"
              icon={<ApartmentOutlined />}
              style={{ marginTop: 8 }}
              onClick={() => navigate(`/organisations?regionCode=${region.code}`)}
            >
              {t('region.viewOrganisations')}
            </Button>
          )}
        </Card>
      )}

      {isVillage ? (
        <Card size="small">
          <Empty description={t('region.noChildren')} data-testid="region-no-children" />
        </Card>
      ) : (
        <Card size="small" title={region ? t('region.children') : undefined} styles={{ body: { padding: 0 } }}>
          <Table<RegionSummary>
            rowKey="code"
            size={phone ? 'small' : 'middle'}
            loading={loading}
            columns={columns}
            dataSource={data?.children ?? []}
            onRow={rowProps}
            scroll={{ x: 'max-content' }}
            pagination={(data?.children.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            data-testid="region-children"
          />
        </Card>
      )}
    </>
  );
}
