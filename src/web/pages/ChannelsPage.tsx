import { Tabs } from 'antd';
import { useState } from 'react';
import { useT } from '../app/i18n.ts';
import { ChannelsPanel } from '../features/notifications/ChannelsPanel.tsx';
import { OutboxPanel } from '../features/notifications/OutboxPanel.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';

/** NTF-1 通知渠道: the channels notifications go out through, and the outbox with its failures. */
export function ChannelsPage() {
  const t = useT();
  const [refreshKey, setRefreshKey] = useState(0);
  return (
    <>
      <PageHeader title={t('channel.title')} />
      <Tabs
        items={[
          { key: 'targets', label: t('channel.tab.targets'), children: <ChannelsPanel onChanged={() => setRefreshKey((n) => n + 1)} /> },
          { key: 'outbox', label: t('channel.tab.outbox'), children: <OutboxPanel refreshKey={refreshKey} /> },
        ]}
      />
    </>
  );
}
