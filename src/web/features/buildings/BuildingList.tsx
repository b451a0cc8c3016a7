import { Card, Flex, Input, Progress, Segmented, Select, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { DEMO_STATUSES, type Building, type DemoStatus } from '../../api/registryTypes.ts';
import { maySee } from '../../app/access.ts';
import { useUser } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useIsPhone } from '../../ui/useIsPhone.ts';
import { useLoader } from '../../ui/useLoader.ts';
import { useUrlFilters } from '../../ui/useUrlFilters.ts';
import { RegionPicker } from '../regions/RegionPicker.tsx';
import { BuildingScatter } from './BuildingScatter.tsx';
import { DemoStatusTag } from './tags.tsx';
import {
  area,
  districtNames,
  listAllBuildings,
  OCCUPANCY_BANDS,
  OCCUPANCY_FILTER,
  occupancyBand,
  percent,
  type OccupancyBand,
} from './useBuildings.ts';

const PAGE_SIZE = 20;
type View = 'table' | 'map';

const isDemoStatus = (v: string | undefined): v is DemoStatus => DEMO_STATUSES.includes(v as DemoStatus);
const isBand = (v: string | undefined): v is OccupancyBand => OCCUPANCY_BANDS.includes(v as OccupancyBand);

/** REG-1 the building registry: filters in the URL, a table and a spatial view of the same buildings. */
export function BuildingList() {
  const t = useT();
  const user = useUser();
  const phone = useIsPhone();
  const { get, page, update } = useUrlFilters();
  const q = get('q') ?? '';
  const regionCode = get('regionCode');
  const positioning = get('positioning');
  const demoRaw = get('demoStatus');
  const demoStatus = isDemoStatus(demoRaw) ? demoRaw : undefined;
  const bandRaw = get('occupancy');
  const band = isBand(bandRaw) ? bandRaw : undefined;
  const view: View = get('view') === 'map' ? 'map' : 'table';
  const [draftQ, setDraftQ] = useState(q);
  const [draftPositioning, setDraftPositioning] = useState(positioning ?? '');
  useEffect(() => setDraftQ(q), [q]);
  useEffect(() => setDraftPositioning(positioning ?? ''), [positioning]);

  const { data, error, loading, reload } = useLoader(
    async (signal) => {
      // The band is filtered by the server (REG-3 REG-8), so the list and its total count only matching buildings.
      const all = await listAllBuildings(
        { q: q || undefined, regionCode, positioning, demoStatus, ...(band ? OCCUPANCY_FILTER[band] : {}) },
        signal,
      );
      return { ...all, districts: await districtNames(all.items) };
    },
    [q, regionCode, positioning, demoStatus, band],
  );
  const rows = useMemo(() => data?.items ?? [], [data]);

  const columns: ColumnsType<Building> = [
    {
      title: t('building.name'),
      dataIndex: 'name',
      key: 'name',
      fixed: phone ? 'left' : undefined,
      render: (name: string, row) => (
        <Link to={`/buildings/${row.id}`} data-testid={`building-link-${row.id}`}>
          {name}
        </Link>
      ),
    },
    { title: t('building.street'), dataIndex: 'regionName', key: 'street', render: (name: string | null, row) => name ?? row.regionCode },
    {
      title: t('building.positioning'),
      dataIndex: 'positioning',
      key: 'positioning',
      render: (p: string | null) => (p ? <Tag color="volcano">{p}</Tag> : '—'),
    },
    { title: t('building.demoStatus'), dataIndex: 'demoStatus', key: 'demo', render: (s: DemoStatus) => <DemoStatusTag status={s} /> },
    {
      title: t('building.occupancy'),
      key: 'occupancy',
      sorter: (a, b) => a.occupancy.occupancyRate - b.occupancy.occupancyRate,
      render: (_: unknown, row) => (
        <Flex gap={8} align="center" style={{ minWidth: 140 }}>
          <Progress
            percent={Math.round(row.occupancy.occupancyRate * 100)}
            size="small"
            showInfo={false}
            strokeColor={occupancyBand(row.occupancy.occupancyRate) === 'low' ? '#faad14' : '#cf1322'}
            style={{ width: 80, margin: 0 }}
          />
          <span>{percent(row.occupancy.occupancyRate)}</span>
        </Flex>
      ),
    },
    {
      title: t('building.officeArea'),
      dataIndex: 'officeArea',
      key: 'area',
      align: 'right',
      sorter: (a, b) => a.officeArea - b.officeArea,
      render: (v: number) => t('area.value', { area: area(v) }),
    },
    { title: t('building.address'), dataIndex: 'address', key: 'address', responsive: ['lg'] },
  ];

  return (
    <>
      <PageHeader
        title={t('building.title')}
        extra={
          <Segmented<View>
            value={view}
            onChange={(v) => update({ view: v === 'map' ? 'map' : undefined, page: undefined })}
            options={[
              { value: 'table', label: t('building.viewTable') },
              { value: 'map', label: <span data-testid="building-view-map">{t('building.viewMap')}</span> },
            ]}
          />
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          <Input.Search
            allowClear
            value={draftQ}
            onChange={(e) => setDraftQ(e.target.value)}
            onSearch={(value) => update({ q: value.trim() || undefined })}
            placeholder={t('building.searchPlaceholder')}
            style={{ width: phone ? '100%' : 220 }}
            data-testid="building-search"
          />
          {/* Building staff cannot browse regions; their scope is their own building anyway. */}
          {maySee(user.role, 'regions') && (
            <div style={{ width: phone ? '100%' : 220 }}>
              <RegionPicker
                value={regionCode ?? null}
                onChange={(code) => update({ regionCode: code ?? undefined })}
                placeholder={t('building.region')}
              />
            </div>
          )}
          <Input.Search
            allowClear
            value={draftPositioning}
            onChange={(e) => setDraftPositioning(e.target.value)}
            onSearch={(value) => update({ positioning: value.trim() || undefined })}
            placeholder={t('building.positioning')}
            title={t('building.positioningPlaceholder')}
            style={{ width: phone ? '100%' : 200 }}
            data-testid="building-positioning"
          />
          <Select<DemoStatus>
            allowClear
            value={demoStatus}
            placeholder={t('building.demoStatus')}
            style={{ width: phone ? '100%' : 150 }}
            onChange={(v) => update({ demoStatus: v })}
            options={DEMO_STATUSES.map((s) => ({ value: s, label: t(`demoStatus.${s}`) }))}
            data-testid="building-demo-filter"
          />
          <Select<OccupancyBand>
            allowClear
            value={band}
            placeholder={t('building.occupancyFilter')}
            style={{ width: phone ? '100%' : 150 }}
            onChange={(v) => update({ occupancy: v })}
            options={OCCUPANCY_BANDS.map((b) => ({ value: b, label: t(`building.occupancy.${b}`) }))}
          />
        </Flex>
      </Card>
      <ErrorAlert error={error} onRetry={reload} />
      {view === 'map' ? (
        <Card size="small" title={t('building.viewMap')}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('building.mapHint')}
          </Typography.Paragraph>
          {data && data.items.length < data.total && (
            <Typography.Text type="warning">{t('building.mapTruncated', { shown: data.items.length, total: data.total })}</Typography.Text>
          )}
          <Spin spinning={loading}>
            <BuildingScatter buildings={rows} districts={data?.districts ?? new Map<string, string>()} />
          </Spin>
        </Card>
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Table<Building>
            rowKey="id"
            size={phone ? 'small' : 'middle'}
            loading={loading}
            columns={columns}
            dataSource={rows}
            scroll={{ x: 'max-content' }}
            data-testid="building-table"
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              showSizeChanger: false,
              showTotal: (total) => t('common.total', { total }),
              onChange: (next) => update({ page: next > 1 ? String(next) : undefined }),
            }}
          />
        </Card>
      )}
    </>
  );
}
