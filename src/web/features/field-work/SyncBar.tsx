import { CloudSyncOutlined, DeleteOutlined, WifiOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, List, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../app/i18n.ts';
import type { useFieldQueue } from './queue.ts';

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  return online;
}

const time = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** GRD-3 what waits on the phone, the last sync's result and a button to send now. */
export function SyncBar({ queue }: { queue: ReturnType<typeof useFieldQueue> }) {
  const t = useT();
  const online = useOnline();
  const refused = queue.items.filter((q) => q.error !== null);
  return (
    <Card size="small" data-testid="field-sync" style={{ marginBottom: 12 }}>
      {!online && <Alert type="warning" showIcon icon={<WifiOutlined />} title={t('field.offlineNow')} style={{ marginBottom: 8 }} />}
      <Flex align="center" justify="space-between" gap={8} wrap>
        <Typography.Text strong data-testid="field-pending">
          {queue.pending > 0 ? t('field.pending', { n: queue.pending }) : t('field.allSynced')}
        </Typography.Text>
        <Button
          size="small"
          icon={<CloudSyncOutlined />}
          loading={queue.syncing}
          disabled={!online || queue.pending === 0}
          onClick={() => void queue.sync()}
          data-testid="field-sync-now"
        >
          {queue.syncing ? t('field.syncing') : t('field.syncNow')}
        </Button>
      </Flex>
      {queue.last && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="field-last-sync">
          {queue.last.offline
            ? t('field.lastSyncOffline', { time: time(queue.last.at) })
            : t('field.lastSync', { time: time(queue.last.at), stored: queue.last.stored, failed: queue.last.failed })}
        </Typography.Text>
      )}
      {refused.length > 0 && (
        <List
          size="small"
          dataSource={refused}
          renderItem={(q) => (
            <List.Item
              actions={[
                <Button key="x" size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => queue.remove(q.record.clientId)}>
                  {t('field.discard')}
                </Button>,
              ]}
            >
              <span>
                <Tag color="red">{t('field.refused')}</Tag>
                {t(`field.kind.${q.record.kind}`)} · {q.error}
              </span>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
