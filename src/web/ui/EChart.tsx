import { BarChart, FunnelChart, GaugeChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type ECElementEvent, type EChartsCoreOption, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the chart kinds the pages draw are registered, so the chart chunk stays a fraction of full ECharts.
use([
  BarChart,
  FunnelChart,
  GaugeChart,
  LineChart,
  PieChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export interface EChartProps {
  option: EChartsCoreOption;
  height: number;
  onClick?: (event: ECElementEvent) => void;
  'data-testid'?: string;
  'aria-label'?: string;
  /** What the chart shows, for tests and assistive tech, since a canvas cannot be read. */
  'data-points'?: number;
}

/** An ECharts canvas that follows its container's width (a phone rotates, a sider collapses). */
export function EChart({ option, height, onClick, ...rest }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = init(el);
    chart.current = instance;
    // Read through the ref so a new handler on every render does not rebind the event.
    instance.on('click', (event) => clickRef.current?.(event as ECElementEvent));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={ref}
      role="img"
      style={{ width: '100%', height }}
      data-testid={rest['data-testid']}
      data-points={rest['data-points']}
      aria-label={rest['aria-label']}
    />
  );
}
