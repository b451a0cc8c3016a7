import { Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { buildingApi, overviewApi } from '../../api/registry.ts';
import type { RegionCoverage } from '../../api/registryTypes.ts';
import { metaApi } from '../../api/resources.ts';
import { useUser } from '../../app/auth.tsx';
import { useT, type MessageKey } from '../../app/i18n.ts';
import { PARTY_GOLD, PARTY_RED } from '../../app/theme.ts';
import { EChart } from '../../ui/EChart.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useIsPhone } from '../../ui/useIsPhone.ts';
import { useLoader } from '../../ui/useLoader.ts';
import { percent } from '../buildings/useBuildings.ts';

function Figure({
  title,
  value,
  suffix,
  testId,
  note,
}: {
  title: string;
  value: ReactNode;
  suffix?: string;
  testId: string;
  note?: string;
}) {
  return (
    <Card size="small" style={{ height: '100%', borderTop: `3px solid ${PARTY_RED}` }}>
      <Statistic
        title={title}
        value={0}
        formatter={() => <span data-testid={testId}>{value}</span>}
        suffix={suffix}
        valueStyle={{ color: PARTY_RED }}
      />
      {note && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {note}
        </Typography.Text>
      )}
    </Card>
  );
}

function CoverageChart({ coverage }: { coverage: RegionCoverage }) {
  const t = useT();
  const phone = useIsPhone();
  const option = useMemo<EChartsCoreOption>(() => {
    const rows = coverage.children.filter((c) => c.buildings > 0 || c.enterprises > 0);
    const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);
    return {
      animation: false,
      legend: { top: 0 },
      grid: { left: 44, right: 12, top: 36, bottom: phone ? 56 : 32 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) },
      xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: phone ? 40 : 0 } },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { type: 'bar', name: t('registry.buildingCoverage'), data: rows.map((r) => pct(r.buildingRate)), itemStyle: { color: PARTY_RED } },
        {
          type: 'bar',
          name: t('registry.enterpriseCoverage'),
          data: rows.map((r) => pct(r.enterpriseRate)),
          itemStyle: { color: PARTY_GOLD },
        },
      ],
    };
  }, [coverage, phone, t]);
  return <EChart option={option} height={phone ? 300 : 320} data-testid="coverage-chart" aria-label={t('registry.byDistrict')} />;
}

const unit = (t: (k: MessageKey) => string, key: MessageKey) => t(key) || undefined;

/** DSH-3 the registry at a glance: the article's figures from data, and coverage by district (REG-4). */
export function RegistryOverview() {
  const t = useT();
  const user = useUser();
  const overview = useLoader((signal) => overviewApi.get(undefined, signal), []);
  const coverage = useLoader(
    async (signal) => {
      // Admins have no region of their own; their view starts at the installation's first configured region.
      const code = user.regionCode ?? (await metaApi.get()).regionScope[0];
      return buildingApi.coverage(code, signal);
    },
    [user.regionCode],
  );
  const o = overview.data;

  return (
    <>
      <PageHeader
        title={t('registry.title')}
        subtitle={o ? `${o.region?.name ?? user.regionName ?? t('home.scopeAll')} · ${o.today}` : undefined}
      />
      <ErrorAlert error={overview.error} onRetry={overview.reload} />
      {overview.loading && !o && <Skeleton active />}
      {o && (
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          <Col xs={12} md={8} xl={6}>
            <Figure title={t('registry.cityBelts')} value={o.cityBelts} suffix={unit(t, 'registry.unit.belts')} testId="figure-belts" />
          </Col>
          <Col xs={12} md={8} xl={6}>
            <Figure
              title={t('registry.namedBuildings')}
              value={o.namedDemoBuildings}
              suffix={unit(t, 'registry.unit.buildings')}
              testId="figure-named"
              note={`${t('demoStatus.cultivating')} ${o.cultivatingDemoBuildings}`}
            />
          </Col>
          <Col xs={12} md={8} xl={6}>
            <Figure
              title={t('registry.cadres')}
              value={o.stationedCadres}
              suffix={unit(t, 'registry.unit.people')}
              testId="figure-cadres"
            />
          </Col>
          <Col xs={12} md={8} xl={6}>
            <Figure
              title={t('registry.instructors')}
              value={o.instructorsServing.toLocaleString('en-US')}
              suffix={unit(t, 'registry.unit.people')}
              testId="figure-instructors"
              note={t('registry.instructorLoad', { instructors: o.instructorsServing, enterprises: o.instructedEnterprises })}
            />
          </Col>
          <Col xs={12} md={8} xl={6}>
            <Figure
              title={t('registry.enterprisesServed')}
              value={o.instructedEnterprises.toLocaleString('en-US')}
              suffix={unit(t, 'registry.unit.enterprises')}
              testId="figure-instructed"
            />
          </Col>
          <Col xs={12} md={8} xl={6}>
            <Figure
              title={t('registry.occupancyRate')}
              value={percent(o.occupancyRate)}
              testId="figure-occupancy"
              note={`${t('registry.buildings')} ${o.buildings}`}
            />
          </Col>
          <Col xs={12} md={8} xl={6}>
            <Figure title={t('registry.buildingCoverage')} value={percent(o.buildingCoverageRate)} testId="figure-building-coverage" />
          </Col>
          <Col xs={12} md={8} xl={6}>
            <Figure
              title={t('registry.enterpriseCoverage')}
              value={percent(o.enterpriseCoverageRate)}
              testId="figure-enterprise-coverage"
            />
          </Col>
        </Row>
      )}
      <Card size="small" title={t('registry.byDistrict')}>
        <ErrorAlert error={coverage.error} onRetry={coverage.reload} />
        {coverage.data ? <CoverageChart coverage={coverage.data} /> : <Skeleton active />}
      </Card>
    </>
  );
}
