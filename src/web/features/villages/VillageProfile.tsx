import { Button, Card, Descriptions, Empty, Tabs, Tag, Typography } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useLocale } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLoader } from '../../ui/useLoader.ts';
import { villagesApi, type VillageDetail } from './api.ts';
import { FundsLedger } from './FundsLedger.tsx';
import { LISTING, pick } from './labels.ts';
import { BuildingsTab, ChainTab, PlansCard, PostsTab } from './ProfileTabs.tsx';
import { RulesTab } from './RulesTab.tsx';

const TABS = ['overview', 'buildings', 'posts', 'rules', 'chain', 'funds'] as const;
type TabKey = (typeof TABS)[number];

function Overview({ village, zh, reload }: { village: VillageDetail; zh: boolean; reload: () => void }) {
  return (
    <>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small" data-testid="village-overview">
          <Descriptions.Item label={zh ? '所属乡镇' : 'Township'}>{village.townshipName}</Descriptions.Item>
          <Descriptions.Item label={zh ? '区划代码' : 'Code'}>{village.regionCode}</Descriptions.Item>
          <Descriptions.Item label={zh ? '传统村落名录' : 'Listing'}>
            {village.isTraditional ? (
              <Tag color="red" data-testid="village-listing">
                {village.listingLevel ? pick(LISTING[village.listingLevel], zh) : ''}
                {village.listingBatch ? (zh ? ` 第${village.listingBatch}批` : ` batch ${village.listingBatch}`) : ''}
              </Tag>
            ) : (
              <Tag>{zh ? '未列入' : 'Not listed'}</Tag>
            )}
            {village.listedOn ?? ''}
          </Descriptions.Item>
          <Descriptions.Item label={zh ? '户数' : 'Households'}>{village.households ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={zh ? '人口' : 'Population'}>{village.population ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={zh ? '村党组织' : 'Party organisation'}>{village.partyOrg?.name ?? '—'}</Descriptions.Item>
        </Descriptions>
        {village.summary && <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>{village.summary}</Typography.Paragraph>}
      </Card>
      <PlansCard village={village} zh={zh} reload={reload} />
    </>
  );
}

/** VIL-1 一村一档: listing and plans, buildings, posts, rules, the five-level chain and (for offices) the funds ledger (VIL-2). */
export function VillageProfile() {
  const { code = '' } = useParams();
  const { locale } = useLocale();
  const zh = locale !== 'en';
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { data, error, loading, reload } = useLoader((signal) => villagesApi.get(code, signal), [code]);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  const requested = params.get('tab') as TabKey | null;
  const tab: TabKey = requested && TABS.includes(requested) ? requested : 'overview';
  const items = data
    ? [
        { key: 'overview', label: zh ? '名录与规划' : 'Listing & plans', children: <Overview village={data} zh={zh} reload={reload} /> },
        {
          key: 'buildings',
          label: `${zh ? '传统建筑' : 'Buildings'} ${data.traditionalBuildings.length}`,
          children: <BuildingsTab village={data} zh={zh} reload={reload} />,
        },
        { key: 'posts', label: zh ? '先锋岗/示范岗' : 'Posts', children: <PostsTab village={data} zh={zh} reload={reload} /> },
        { key: 'rules', label: zh ? '村规民约' : 'Village rules', children: <RulesTab village={data} zh={zh} reload={reload} /> },
        { key: 'chain', label: zh ? '五级责任链' : 'Responsibility chain', children: <ChainTab village={data} zh={zh} reload={reload} /> },
        ...(data.may.books
          ? [{ key: 'funds', label: zh ? '保护资金' : 'Funds', children: <FundsLedger village={data} zh={zh} reload={reload} /> }]
          : []),
      ]
    : [];
  return (
    <>
      <PageHeader
        title={<span data-testid="village-name">{data?.name ?? code}</span>}
        subtitle={data ? `${data.townshipName} · ${data.regionCode}` : undefined}
        onBack={() => void navigate('/villages')}
        backLabel={zh ? '返回' : 'Back'}
        extra={
          data?.fundsPublished ? (
            <Button href={`/public/villages/${data.regionCode}/funds`} target="_blank" data-testid="village-public-link">
              {zh ? '资金公开页' : 'Public funds page'}
            </Button>
          ) : null
        }
      />
      {loading && !data ? (
        <Card loading />
      ) : data ? (
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          items={items.map((i) => ({ ...i, label: <span data-testid={`village-tab-${i.key}`}>{i.label}</span> }))}
        />
      ) : (
        <Empty />
      )}
    </>
  );
}
