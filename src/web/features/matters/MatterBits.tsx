import { CheckCircleOutlined, ClockCircleOutlined, PauseCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Flex, Steps, Tag, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { MATTER_LEVELS } from '../../../domain/matters/limits.ts';
import type { ClockColour, MatterClock, MatterLevel, MatterPriority, MatterStatus } from '../../api/matters.ts';
import { useLocale, useT, type MessageKey } from '../../app/i18n.ts';
import { formatDateTime } from '../../ui/format.ts';
import { remainingText } from './clockText.ts';
import { liveClock, mostUrgent, type LiveClock } from './countdown.ts';
import { useMatterTime } from './MatterTime.tsx';
import { useMatterLabels } from './useMatterLabels.ts';
import './matters.css';

const STATUS_COLOUR: Record<MatterStatus, string> = {
  collected: 'blue',
  registered: 'geekblue',
  dispatched: 'purple',
  accepted: 'processing',
  waiting_enterprise: 'orange',
  reported_back: 'cyan',
  replied: 'gold',
  closed: 'green',
  withdrawn: 'default',
};

export function StatusTag({ status }: { status: MatterStatus }) {
  const labels = useMatterLabels();
  return (
    <Tag color={STATUS_COLOUR[status]} data-testid="matter-status" style={{ marginInlineEnd: 0 }}>
      {labels.status(status)}
    </Tag>
  );
}

export function PriorityTag({ priority }: { priority: MatterPriority }) {
  const labels = useMatterLabels();
  if (priority === 'normal') return null;
  return (
    <Tag color={priority === 'urgent' ? 'red' : 'volcano'} style={{ marginInlineEnd: 0 }}>
      {labels.priority(priority)}
    </Tag>
  );
}

export function SupervisionTag({ supervision }: { supervision: 'yellow' | 'red' | null }) {
  const t = useT();
  if (!supervision) return null;
  return (
    <Tag color={supervision === 'red' ? 'red' : 'gold'} icon={<WarningOutlined />} style={{ marginInlineEnd: 0 }}>
      {t(`matter.supervision.${supervision}`)}
    </Tag>
  );
}

/** 楼宇 → 街道 → 区级 → 市级 with the matter's level current. */
export function LevelLadder({ level }: { level: MatterLevel }) {
  const labels = useMatterLabels();
  const current = MATTER_LEVELS.indexOf(level);
  return (
    <Steps
      size="small"
      responsive={false}
      titlePlacement="vertical"
      current={current}
      data-testid="level-ladder"
      items={MATTER_LEVELS.map((l, i) => ({
        title: <span data-testid={i === current ? 'level-current' : undefined}>{labels.level(l)}</span>,
        status: i < current ? 'finish' : i === current ? 'process' : 'wait',
      }))}
    />
  );
}

const TAG_COLOUR: Record<ClockColour, string> = {
  green: 'success',
  yellow: 'warning',
  red: 'error',
  paused: 'default',
  stopped: 'default',
};
const ICON: Record<ClockColour, ReactNode> = {
  green: <ClockCircleOutlined />,
  yellow: <ClockCircleOutlined />,
  red: <WarningOutlined />,
  paused: <PauseCircleOutlined />,
  stopped: <CheckCircleOutlined />,
};

/** The clocks of a matter as they stand now (see countdown.ts). */
export function useLiveClocks(clocks: readonly MatterClock[], answeredAt: number): LiveClock[] {
  const { work, now } = useMatterTime();
  return clocks.map((c) => liveClock(c, answeredAt, Math.max(now, answeredAt), work));
}

export function useUrgency(clocks: readonly MatterClock[], answeredAt: number): LiveClock | null {
  return mostUrgent(useLiveClocks(clocks, answeredAt));
}

/** One clock as a countdown tag: "签收时限 剩余 3 小时 20 分钟", coloured green, yellow, red or grey. */
export function ClockTag({ live, withLabel = true, withdrawn = false }: { live: LiveClock; withLabel?: boolean; withdrawn?: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const { dayMinutes } = useMatterTime();
  const { clock, colour, remaining } = live;
  const label = withLabel ? `${t(`matter.clock.${clock.kind}` as MessageKey)} ` : '';
  const text =
    colour === 'stopped'
      ? // A withdrawn matter's clocks stopped because the enterprise took it back, not because anything was done.
        t(withdrawn ? 'matter.clock.stoppedWithdrawn' : clock.late ? 'matter.clock.stoppedLate' : 'matter.clock.stopped')
      : colour === 'paused'
        ? `${t('matter.clock.paused')} · ${remainingText(t, remaining, dayMinutes)}`
        : remainingText(t, remaining, dayMinutes);
  return (
    <Tooltip title={t('matter.clock.due', { at: formatDateTime(clock.dueAt, locale) })}>
      <Tag
        color={TAG_COLOUR[colour]}
        icon={ICON[colour]}
        data-testid={`clock-${clock.kind}`}
        data-colour={colour}
        style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}
      >
        {label}
        {text}
      </Tag>
    </Tooltip>
  );
}

/** The most urgent running clock of a matter, for list rows; a dash when none runs. */
export function UrgentClock({ clocks, answeredAt }: { clocks: readonly MatterClock[]; answeredAt: number }) {
  const t = useT();
  const urgent = useUrgency(clocks, answeredAt);
  if (!urgent) return <span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('matter.clock.none')}</span>;
  return <ClockTag live={urgent} />;
}

/** Every clock of a matter, stacked. */
export function ClockList({
  clocks,
  answeredAt,
  withdrawn = false,
}: {
  clocks: readonly MatterClock[];
  answeredAt: number;
  withdrawn?: boolean;
}) {
  const live = useLiveClocks(clocks, answeredAt);
  return (
    <Flex vertical gap={6} align="flex-start" data-testid="matter-clocks">
      {live.map((c) => (
        <ClockTag key={c.clock.kind} live={c} withdrawn={withdrawn} />
      ))}
    </Flex>
  );
}
