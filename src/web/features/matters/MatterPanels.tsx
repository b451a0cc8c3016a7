import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Flex, List, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { MatterDetail, MatterEvent } from '../../api/matters.ts';
import { MATTER_LEVELS, type MatterLevel } from '../../../domain/matters/limits.ts';
import { useLocale, useT } from '../../app/i18n.ts';
import { formatDateTime } from '../../ui/format.ts';
import { durationText } from './clockText.ts';
import { useMatterTime } from './MatterTime.tsx';
import { useMatterLabels } from './useMatterLabels.ts';

/** The matter as raised: who, where, what, and the figures of its life so far. */
export function MatterFacts({ matter }: { matter: MatterDetail }) {
  const t = useT();
  const { locale } = useLocale();
  const labels = useMatterLabels();
  const { dayMinutes } = useMatterTime();
  return (
    <Card size="small" title={t('matter.section.detail')} style={{ marginBottom: 16 }}>
      <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" data-testid="matter-facts">
        <Descriptions.Item label={t('matter.field.category')}>{matter.category.name}</Descriptions.Item>
        <Descriptions.Item label={t('matter.field.source')}>{labels.source(matter.source)}</Descriptions.Item>
        <Descriptions.Item label={t('matter.field.enterprise')}>{matter.enterprise?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('matter.field.building')}>{matter.building?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('matter.field.contactName')}>{matter.contactName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('matter.field.contactPhone')}>
          {matter.contactPhone ? <a href={`tel:${matter.contactPhone}`}>{matter.contactPhone}</a> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('matter.field.createdAt')}>{formatDateTime(matter.createdAt, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('matter.field.handler')}>{matter.handler?.name ?? '—'}</Descriptions.Item>
        {matter.satisfaction && (
          <Descriptions.Item label={t('matter.field.satisfaction')}>
            <Tag color={matter.satisfaction === 'dissatisfied' ? 'red' : 'green'} data-testid="matter-satisfaction">
              {labels.satisfaction(matter.satisfaction)}
            </Tag>
          </Descriptions.Item>
        )}
        {matter.pendingExtensionMinutes !== null && (
          <Descriptions.Item label={labels.action('request_extension')}>
            {t('matter.field.pendingExtension', { time: durationText(t, matter.pendingExtensionMinutes, dayMinutes) })}
          </Descriptions.Item>
        )}
        {matter.deliberation && (
          <Descriptions.Item label={t('matter.field.deliberation')} span={2}>
            <span className="ht-pre-wrap">{matter.deliberation}</span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('matter.field.description')} span={2}>
          <span className="ht-pre-wrap" data-testid="matter-description">
            {matter.description}
          </span>
        </Descriptions.Item>
      </Descriptions>
      {(matter.returnCount > 0 || matter.escalationCount > 0 || matter.reopenCount > 0) && (
        <Typography.Text type="secondary">
          {t('matter.field.counts', { returns: matter.returnCount, escalations: matter.escalationCount, reopens: matter.reopenCount })}
        </Typography.Text>
      )}
    </Card>
  );
}

const EVENT_COLOUR: Partial<Record<MatterEvent['action'], string>> = {
  return: 'red',
  escalate: 'orange',
  supervise: 'red',
  reopen: 'red',
  withdraw: 'gray',
  close: 'green',
  reply: 'green',
  resolve_on_site: 'green',
};

const isLevel = (v: unknown): v is MatterLevel => typeof v === 'string' && (MATTER_LEVELS as readonly string[]).includes(v);

/** One line of an event's data worth reading (where it was dispatched or escalated, how long an extension). */
function EventData({ event, handlers }: { event: MatterEvent; handlers: Map<string, string> }) {
  const t = useT();
  const labels = useMatterLabels();
  const { dayMinutes } = useMatterTime();
  const d = event.data;
  const bits: string[] = [];
  if (typeof d.handlerOrgId === 'string' && event.action === 'dispatch') {
    bits.push(t('matter.event.handler', { name: handlers.get(d.handlerOrgId) ?? d.handlerOrgId }));
  }
  // An escalation names the way it went ("楼宇 → 街道"); the event's own level is where it arrived.
  if (event.action === 'escalate' && isLevel(d.fromLevel)) {
    bits.push(t('matter.event.escalated', { from: labels.level(d.fromLevel), to: labels.level(event.level) }));
  }
  if (typeof d.extensionMinutes === 'number')
    bits.push(t('matter.event.extension', { time: durationText(t, d.extensionMinutes, dayMinutes) }));
  if (
    typeof d.satisfaction === 'string' &&
    (d.satisfaction === 'satisfied' || d.satisfaction === 'basically_satisfied' || d.satisfaction === 'dissatisfied')
  ) {
    bits.push(labels.satisfaction(d.satisfaction));
  }
  if (d.colour === 'yellow' || d.colour === 'red') bits.push(t(`matter.supervision.${d.colour}`));
  if (bits.length === 0) return null;
  return <div>{bits.join(' · ')}</div>;
}

/** MAT-8 the timeline: every step with who took it, when, at which level, and the note. */
export function MatterTimeline({ matter }: { matter: MatterDetail }) {
  const t = useT();
  const { locale } = useLocale();
  const labels = useMatterLabels();
  const handlers = new Map(matter.slips.map((s) => [s.handler.id, s.handler.name]));
  return (
    <Card size="small" title={t('matter.section.timeline')} style={{ marginBottom: 16 }}>
      <Timeline
        data-testid="matter-timeline"
        items={matter.events.map((e) => ({
          key: e.seq,
          color: EVENT_COLOUR[e.action] ?? 'blue',
          content: (
            <div data-testid={`event-${e.action}`}>
              <Flex gap={8} wrap align="baseline">
                <Typography.Text strong>{labels.action(e.action)}</Typography.Text>
                {e.fromStatus !== e.toStatus && <Tag style={{ marginInlineEnd: 0 }}>{labels.status(e.toStatus)}</Tag>}
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(e.createdAt, locale)} · {t('matter.event.by', { actor: e.actorName, level: labels.level(e.level) })}
              </Typography.Text>
              <EventData event={e} handlers={handlers} />
              {e.note && <div className="ht-pre-wrap">{e.note}</div>}
            </div>
          ),
        }))}
      />
    </Card>
  );
}

/** MAT-2 the 派发单 of the matter, each printable. */
export function MatterSlips({ matter }: { matter: MatterDetail }) {
  const t = useT();
  const { locale } = useLocale();
  const labels = useMatterLabels();
  return (
    <Card size="small" title={t('matter.section.slips')} style={{ marginBottom: 16 }}>
      {matter.slips.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} />
      ) : (
        <List
          size="small"
          dataSource={matter.slips}
          data-testid="matter-slips"
          renderItem={(s) => (
            <List.Item key={s.code}>
              <List.Item.Meta
                title={
                  <Flex gap={6} wrap>
                    <span>{s.handler.name}</span>
                    <Typography.Text type="secondary">{s.code}</Typography.Text>
                  </Flex>
                }
                description={
                  <>
                    <div>{[labels.level(s.level), s.dispatchedBy, formatDateTime(s.dispatchedAt, locale)].filter(Boolean).join(' · ')}</div>
                    <div>
                      {s.returnedAt
                        ? t('matter.slip.returned', { at: formatDateTime(s.returnedAt, locale), reason: s.returnReason ?? '' })
                        : s.acceptedAt
                          ? t('matter.slip.accepted', { at: formatDateTime(s.acceptedAt, locale) })
                          : `${t('matter.slip.waiting')} · ${t('matter.slip.signForDue')} ${formatDateTime(s.signForDueAt, locale)}`}
                    </div>
                    <Link to={`/matters/${matter.id}/print/slip/${encodeURIComponent(s.code)}`} data-testid={`print-slip-${s.code}`}>
                      <PrinterOutlined /> {t('matter.print.slip')}
                    </Link>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** The print buttons of the header. */
export function PrintButtons({ matter }: { matter: MatterDetail }) {
  const t = useT();
  const last = matter.slips.at(-1);
  return (
    <>
      <Link to={`/matters/${matter.id}/print/record`}>
        <Button icon={<PrinterOutlined />} data-testid="print-record">
          {t('matter.print.record')}
        </Button>
      </Link>
      {last && (
        <Link to={`/matters/${matter.id}/print/slip/${encodeURIComponent(last.code)}`}>
          <Button icon={<PrinterOutlined />} data-testid="print-slip">
            {t('matter.print.slip')}
          </Button>
        </Link>
      )}
    </>
  );
}
