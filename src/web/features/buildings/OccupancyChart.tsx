import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import type { BuildingPage } from '../../api/registryTypes.ts';
import { useT } from '../../app/i18n.ts';
import { PARTY_RED } from '../../app/theme.ts';
import { EChart } from '../../ui/EChart.tsx';
import { useIsPhone } from '../../ui/useIsPhone.ts';
import { area, percent } from './useBuildings.ts';

/** REG-3 the building's occupancy at each month's end, as the lease events give it. */
export function OccupancyChart({ timeline }: { timeline: BuildingPage['timeline'] }) {
  const t = useT();
  const phone = useIsPhone();
  const option = useMemo<EChartsCoreOption>(
    () => ({
      animation: false,
      grid: { left: 44, right: 12, top: 16, bottom: 28 },
      tooltip: {
        trigger: 'axis',
        formatter: (params: { dataIndex: number }[]) => {
          const point = timeline[params[0]?.dataIndex ?? 0];
          if (!point) return '';
          return `${point.on}<br/>${t('building.occupancy')}: <b>${percent(point.occupancyRate)}</b><br/>${t('building.vacantArea')}: ${t(
            'area.value',
            {
              area: area(point.vacantArea),
            },
          )}`;
        },
      },
      xAxis: { type: 'category', boundaryGap: false, data: timeline.map((p) => p.month.slice(2)), axisLabel: { interval: phone ? 2 : 0 } },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'line',
          smooth: true,
          symbolSize: 6,
          data: timeline.map((p) => Math.round(p.occupancyRate * 1000) / 10),
          lineStyle: { color: PARTY_RED, width: 2 },
          itemStyle: { color: PARTY_RED },
          areaStyle: { color: 'rgba(207, 19, 34, 0.12)' },
        },
      ],
    }),
    [timeline, phone, t],
  );
  return <EChart option={option} height={phone ? 200 : 240} data-testid="occupancy-chart" aria-label={t('building.timeline')} />;
}
