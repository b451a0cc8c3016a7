import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Building } from '../../api/registryTypes.ts';
import { useT } from '../../app/i18n.ts';
import { EChart } from '../../ui/EChart.tsx';
import { useIsPhone } from '../../ui/useIsPhone.ts';
import { area, districtOf, percent } from './useBuildings.ts';

/** Party red first, then colours that stay apart from one another on a white page. */
const PALETTE = ['#cf1322', '#1677ff', '#d48806', '#389e0d', '#722ed1', '#13c2c2', '#eb2f96', '#595959'];

interface Point {
  value: [number, number, number];
  id: string;
  name: string;
  occupancy: number;
  street: string;
}

function symbolSize(officeArea: number, max: number, phone: boolean): number {
  // Area grows with the square of the radius, so the radius follows the square root.
  return (phone ? 4 : 6) + (phone ? 12 : 22) * Math.sqrt(officeArea / Math.max(max, 1));
}

/**
 * REG-1 spatial view: buildings by longitude/latitude, one series (colour) per
 * district, sized by office area. No map tiles: the platform runs without
 * outside network, and the relative positions are what staff compare.
 */
export function BuildingScatter({ buildings, districts }: { buildings: readonly Building[]; districts: Map<string, string> }) {
  const t = useT();
  const phone = useIsPhone();
  const navigate = useNavigate();

  const located = useMemo(() => buildings.filter((b) => b.lng !== null && b.lat !== null), [buildings]);
  const option = useMemo<EChartsCoreOption>(() => {
    const max = Math.max(...located.map((b) => b.officeArea), 1);
    const groups = new Map<string, Point[]>();
    for (const b of located) {
      const key = districtOf(b.regionCode);
      const list = groups.get(key) ?? [];
      list.push({
        value: [b.lng!, b.lat!, b.officeArea],
        id: b.id,
        name: b.name,
        occupancy: b.occupancy.occupancyRate,
        street: b.regionName ?? '',
      });
      groups.set(key, list);
    }
    const series = [...groups.entries()].map(([code, data], i) => ({
      type: 'scatter',
      name: districts.get(code) ?? code,
      data,
      symbolSize: (value: [number, number, number]) => symbolSize(value[2], max, phone),
      itemStyle: { color: PALETTE[i % PALETTE.length], opacity: 0.75, borderColor: '#fff', borderWidth: 1 },
      emphasis: { focus: 'self', itemStyle: { opacity: 1 } },
    }));
    return {
      animation: false,
      // On a phone the legend goes under the plot, where it cannot collide with the axis name.
      legend: phone ? { bottom: 0, type: 'scroll' } : { top: 0, type: 'scroll' },
      grid: { left: phone ? 44 : 60, right: 16, top: phone ? 16 : 40, bottom: phone ? 64 : 44 },
      tooltip: {
        trigger: 'item',
        formatter: (p: { data: Point; seriesName: string }) =>
          `<b>${p.data.name}</b><br/>${p.seriesName} · ${p.data.street}<br/>${t('building.occupancy')}: ${percent(p.data.occupancy)}<br/>${t(
            'building.officeArea',
          )}: ${t('area.value', { area: area(p.data.value[2]) })}`,
      },
      xAxis: {
        type: 'value',
        name: phone ? '' : t('building.lng'),
        scale: true,
        splitNumber: phone ? 3 : 5,
        axisLabel: { formatter: (v: number) => v.toFixed(2) },
      },
      yAxis: { type: 'value', name: phone ? '' : t('building.lat'), scale: true, axisLabel: { formatter: (v: number) => v.toFixed(2) } },
      series,
    };
  }, [located, districts, phone, t]);

  return (
    <EChart
      option={option}
      height={phone ? 360 : 520}
      data-testid="building-scatter"
      data-points={located.length}
      aria-label={t('building.mapHint')}
      onClick={(event) => {
        const point = event.data as Point | undefined;
        if (point?.id) void navigate(`/buildings/${point.id}`);
      }}
    />
  );
}
