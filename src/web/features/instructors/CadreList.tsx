import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { cadreApi, serviceApi } from '../../api/registry.ts';
import type { Cadre } from '../../api/registryServiceTypes.ts';
import { mayKeepRegistry, maySee } from '../../app/access.ts';
import { useUser } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useLoader } from '../../ui/useLoader.ts';
import { ServiceRecordModal } from './ServiceRecordModal.tsx';

/** SVC-2 one cadre opened: the enterprises they keep in touch with, their latest service logs, and a new one. */
function CadreRecord({ cadre, onChanged }: { cadre: Cadre; onChanged: () => void }) {
  const t = useT();
  const user = useUser();
  const links = maySee(user.role, 'enterprises');
  const personId = cadre.personId;
  const { data, error } = useLoader((signal) => cadreApi.get(personId, signal), [personId]);
  const services = useLoader((signal) => serviceApi.list({ personId, limit: 5 }, signal), [personId]);
  const [recording, setRecording] = useState(false);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return null;
  return (
    // A click inside the opened record must not fold it again.
    <div onClick={(e) => e.stopPropagation()} style={{ cursor: 'default' }}>
      <Flex gap={4} wrap style={{ marginTop: 4 }} data-testid={`cadre-portfolio-${personId}`}>
        {data.enterprises.length === 0 && <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>}
        {data.enterprises.map((e) => (
          <Tag key={e.id}>{links ? <Link to={`/enterprises/${e.id}`}>{e.name}</Link> : e.name}</Tag>
        ))}
      </Flex>
      <Flex justify="space-between" align="center" gap={8} style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">{t('service.recent')}</Typography.Text>
        {mayKeepRegistry(user.role) && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid={`cadre-service-new-${personId}`}>
            {t('service.new')}
          </Button>
        )}
      </Flex>
      <ErrorAlert error={services.error} onRetry={services.reload} />
      <List
        size="small"
        dataSource={services.data?.items ?? []}
        loading={services.loading && !services.data}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        data-testid={`cadre-services-${personId}`}
        renderItem={(r) => (
          <List.Item style={{ paddingInline: 0, display: 'block' }}>
            <Flex gap={4} wrap align="center">
              <Typography.Text type="secondary">{r.servedOn}</Typography.Text>
              <Tag color="red">{r.kindLabel}</Tag>
              <Typography.Text>{r.enterpriseName}</Typography.Text>
            </Flex>
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 12 }}>
              {r.summary}
            </Typography.Paragraph>
          </List.Item>
        )}
      />
      {recording && (
        <ServiceRecordModal
          person={{ personId, name: cadre.name }}
          portfolio={data.enterprises.map((e) => ({ id: e.id, name: e.name }))}
          onClose={() => setRecording(false)}
          onSaved={() => {
            setRecording(false);
            services.reload();
            onChanged();
          }}
        />
      )}
    </div>
  );
}

/** SVC-2 stationed cadres (选派党员干部入驻) attached to streets or parks, with their portfolio and service count. */
export function CadreList() {
  const t = useT();
  const { data, error, loading, reload } = useLoader((signal) => cadreApi.list({ limit: 200 }, signal), []);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Card size="small" title={t('svc.cadres')} extra={data ? t('common.total', { total: data.total }) : undefined}>
      <ErrorAlert error={error} onRetry={reload} />
      <List
        loading={loading && !data}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        renderItem={(c) => (
          <List.Item
            style={{ display: 'block', paddingInline: 0, cursor: 'pointer' }}
            onClick={() => setOpen(open === c.personId ? null : c.personId)}
            data-testid={`cadre-${c.personId}`}
          >
            <Flex justify="space-between" gap={8} wrap>
              <Typography.Text strong>{c.name}</Typography.Text>
              <Typography.Text type="secondary">
                {t('svc.portfolio')} {c.enterpriseCount} · {t('svc.services', { n: c.serviceCount })}
              </Typography.Text>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[
                c.regionName ?? c.regionCode,
                c.parkName && `${t('svc.park')} ${c.parkName}`,
                c.homeUnit && `${t('svc.homeUnit')} ${c.homeUnit}`,
                `${t('svc.since')} ${c.startedOn}`,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Text>
            {open === c.personId && <CadreRecord cadre={c} onChanged={reload} />}
          </List.Item>
        )}
      />
    </Card>
  );
}
