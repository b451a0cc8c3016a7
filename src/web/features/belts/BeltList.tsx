import { Col, Row, Skeleton } from 'antd';
import { useEffect, useState } from 'react';
import { beltApi } from '../../api/registry.ts';
import type { Belt } from '../../api/registryTypes.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLoader } from '../../ui/useLoader.ts';
import { BeltCard } from './BeltCard.tsx';

/** REG-7 the demonstration belts with their buildings (培育中/已命名, progress), points and rule warnings. */
export function BeltList() {
  const t = useT();
  const { data, error, loading, reload } = useLoader((signal) => beltApi.list({ limit: 200 }, signal), []);
  // A changed belt is shown as the server answered at once; the reload that follows brings the totals.
  const [changed, setChanged] = useState<Record<string, Belt>>({});
  useEffect(() => setChanged({}), [data]);
  const onChanged = (belt: Belt) => {
    setChanged((c) => ({ ...c, [belt.id]: belt }));
    reload();
  };
  return (
    <>
      <PageHeader
        title={t('belt.title')}
        subtitle={
          data ? t('belt.summary', { belts: data.totals.belts, named: data.totals.namedBuildings, points: data.totals.points }) : undefined
        }
      />
      <ErrorAlert error={error} onRetry={reload} />
      {loading && !data && <Skeleton active />}
      <Row gutter={[16, 16]}>
        {data?.items.map((belt) => (
          <Col key={belt.id} xs={24} lg={12}>
            <BeltCard belt={changed[belt.id] ?? belt} onChanged={onChanged} />
          </Col>
        ))}
      </Row>
    </>
  );
}
