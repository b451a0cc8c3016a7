import { Alert, Button, Card, Flex, List, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useUser } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { daysBetween } from '../../../domain/villages/field-work.ts';
import { chinaToday, orderForVisiting, useMyHouseholds } from './households.ts';
import { useFieldQueue } from './queue.ts';
import { SyncBar } from './SyncBar.tsx';

/** GRD-3 我的包户: the member's households, never or longest unvisited first, each one tap from a visit. */
export function MyHouseholds() {
  const t = useT();
  const user = useUser();
  const queue = useFieldQueue(user.id);
  // A synced visit changes the last-visit dates: reload the list after each sync.
  const { households, cached, error } = useMyHouseholds(user.id, queue.last ? Date.parse(queue.last.at) : 0);
  const queuedVisits = new Set(queue.items.flatMap((q) => (q.record.kind === 'visit' ? [q.record.householdId] : [])));
  const today = chinaToday();

  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      <SyncBar queue={queue} />
      {error !== null && <ErrorAlert error={error} />}
      {households === null && error === null && <Spin />}
      {households && (
        <Card
          size="small"
          title={t('field.households', { n: households.length })}
          extra={cached && <Typography.Text type="secondary">{t('field.householdsCached')}</Typography.Text>}
        >
          {cached && households.length === 0 && <Alert type="info" title={t('field.householdsCached')} />}
          <List
            data-testid="field-households"
            dataSource={orderForVisiting(households)}
            renderItem={(h) => (
              <List.Item
                data-testid={`field-household-${h.id}`}
                actions={[
                  <Link key="visit" to={`/field/visit?household=${h.id}`} data-testid={`field-visit-${h.id}`}>
                    <Button size="small" type="primary" ghost>
                      {t('field.visitAction')}
                    </Button>
                  </Link>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <Flex gap={4} wrap align="center">
                      <span>{h.headName ?? '—'}</span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('field.residents', { n: h.residents })}
                      </Typography.Text>
                      {h.openHazards > 0 && <Tag color="red">{t('field.openHazards', { n: h.openHazards })}</Tag>}
                      {queuedVisits.has(h.id) && <Tag color="orange">{t('field.queuedVisit')}</Tag>}
                    </Flex>
                  }
                  description={
                    <>
                      <div>{h.address}</div>
                      {h.lastVisitOn === null ? (
                        <Tag color="volcano">{t('field.neverVisited')}</Tag>
                      ) : (
                        <Typography.Text type={daysBetween(h.lastVisitOn, today) > 30 ? 'warning' : 'secondary'}>
                          {t('field.lastVisit', { date: h.lastVisitOn })}
                          {daysBetween(h.lastVisitOn, today) > 0 && ` · ${t('field.daysAgo', { n: daysBetween(h.lastVisitOn, today) })}`}
                        </Typography.Text>
                      )}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      )}
    </div>
  );
}
