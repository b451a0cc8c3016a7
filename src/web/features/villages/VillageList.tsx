import { Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useLocale } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useDebounced } from '../../ui/useDebounced.ts';
import { useLoader } from '../../ui/useLoader.ts';
import { RegionPicker } from '../regions/RegionPicker.tsx';
import { villagesApi, type VillageSummary } from './api.ts';
import { LISTING, pick } from './labels.ts';

/** VIL-1 the villages in the caller's view (a county sees its traditional villages, a village office its own). */
export function VillageList() {
  const { locale } = useLocale();
  const zh = locale !== 'en';
  const [regionCode, setRegionCode] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const query = useDebounced(q, 300);
  const { data, error, loading, reload } = useLoader((signal) => villagesApi.list({ regionCode, q: query }, signal), [regionCode, query]);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  return (
    <>
      <PageHeader
        title={zh ? '传统村落' : 'Traditional villages'}
        subtitle={data ? (zh ? `共 ${data.total} 个村` : `${data.total} villages`) : undefined}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={zh ? '村名' : 'Village name'}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ width: 220 }}
          data-testid="village-search"
        />
        <div style={{ width: 240 }}>
          <RegionPicker value={regionCode} onChange={setRegionCode} placeholder={zh ? '区域（默认本级）' : 'Region (default: yours)'} />
        </div>
      </Space>
      <Table<VillageSummary>
        rowKey="regionCode"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        data-testid="village-list"
        onRow={(row) => ({ 'data-testid': `village-row-${row.regionCode}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: zh ? '村' : 'Village',
            dataIndex: 'name',
            render: (name: string, row) => (
              <Link to={`/villages/${row.regionCode}`} data-testid={`village-link-${row.regionCode}`}>
                {name}
              </Link>
            ),
          },
          { title: zh ? '乡镇' : 'Township', dataIndex: 'townshipName' },
          {
            title: zh ? '名录' : 'Listing',
            key: 'listing',
            render: (_, row) =>
              row.isTraditional ? (
                <Tag color="red">
                  {row.listingLevel ? pick(LISTING[row.listingLevel], zh) : ''}
                  {row.listingBatch ? (zh ? `第${row.listingBatch}批` : ` batch ${row.listingBatch}`) : ''}
                </Tag>
              ) : (
                <Tag>{zh ? '非传统村落' : 'Not listed'}</Tag>
              ),
          },
          { title: zh ? '户数' : 'Households', dataIndex: 'households', responsive: ['md'] },
          { title: zh ? '传统建筑' : 'Buildings', dataIndex: 'buildings', responsive: ['sm'] },
          {
            title: zh ? '危房' : 'Dangerous',
            dataIndex: 'dangerousBuildings',
            responsive: ['md'],
            render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : 0),
          },
          { title: zh ? '先锋岗/示范岗' : 'Posts', dataIndex: 'postCount', responsive: ['lg'] },
          {
            title: zh ? '村规民约' : 'Rules',
            dataIndex: 'rulesVersion',
            responsive: ['lg'],
            render: (n: number | null) => (n ? `v${n}` : '—'),
          },
        ]}
      />
    </>
  );
}
