import { App, Button, Drawer, Empty, Flex, List, Popconfirm, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { instructorApi } from '../../api/registry.ts';
import { maySee, mayKeepRegistry } from '../../app/access.ts';
import { useUser } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert.tsx';
import { useIsPhone } from '../../ui/useIsPhone.ts';
import { useLoader } from '../../ui/useLoader.ts';
import { EnterprisePicker } from '../enterprises/EnterprisePicker.tsx';

/** SVC-1 one instructor: their enterprises (pinned ones marked), removing an assignment, pinning another enterprise. */
export function InstructorDrawer({ personId, onClose, onChanged }: { personId: string; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  const user = useUser();
  const phone = useIsPhone();
  const { message } = App.useApp();
  const { data, error, reload } = useLoader((signal) => instructorApi.get(personId, signal), [personId]);
  const [enterpriseId, setEnterpriseId] = useState<string | null>(null);
  const [pinning, setPinning] = useState(false);
  const writable = mayKeepRegistry(user.role);
  const links = maySee(user.role, 'enterprises');

  const changed = () => {
    reload();
    onChanged();
  };
  const unassign = (id: string) =>
    instructorApi
      .unassign(id)
      .then(() => {
        message.success(t('svc.unassigned'));
        changed();
      })
      .catch((err: unknown) => message.error(errorMessage(err, t)));
  const pin = async () => {
    if (!enterpriseId) return;
    setPinning(true);
    try {
      const p = await instructorApi.pin(enterpriseId, personId);
      message.success(t('svc.pinDone', { name: p.instructorName }));
      setEnterpriseId(null);
      changed();
    } catch (err) {
      message.error(errorMessage(err, t));
    } finally {
      setPinning(false);
    }
  };

  return (
    <Drawer open onClose={onClose} title={data?.name ?? ' '} size={phone ? '100%' : 480} data-testid="instructor-drawer">
      <ErrorAlert error={error} onRetry={reload} />
      {data && (
        <>
          <Typography.Paragraph type="secondary">
            {[data.title, data.organisationName, data.regionName, t('svc.services', { n: data.serviceCount })].filter(Boolean).join(' · ')}
          </Typography.Paragraph>
          <Typography.Text strong>
            {t('svc.load')} {t('svc.loadValue', { load: data.enterprises.length, capacity: data.capacity })}
          </Typography.Text>
          <List
            size="small"
            dataSource={data.enterprises}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('svc.noEnterprises')} /> }}
            renderItem={(e) => (
              <List.Item
                data-testid={`instructor-enterprise-${e.id}`}
                actions={
                  writable
                    ? [
                        <Popconfirm
                          key="remove"
                          title={t('svc.unassignConfirm')}
                          onConfirm={() => unassign(e.id)}
                          okText={t('common.confirm')}
                          cancelText={t('common.cancel')}
                        >
                          <Button size="small" danger data-testid={`unassign-${e.id}`}>
                            {t('svc.unassign')}
                          </Button>
                        </Popconfirm>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={
                    <Flex gap={4} wrap align="center">
                      {links ? <Link to={`/enterprises/${e.id}`}>{e.name}</Link> : e.name}
                      {e.pinned && <Tag color="red">{t('svc.pinned')}</Tag>}
                    </Flex>
                  }
                  description={e.distanceKm !== null ? t('svc.distance', { km: e.distanceKm.toFixed(1) }) : undefined}
                />
              </List.Item>
            )}
          />
          {writable && (
            <div style={{ marginTop: 16 }}>
              <Typography.Text strong>{t('svc.pinTitle')}</Typography.Text>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {t('svc.pinHint')}
              </Typography.Paragraph>
              <Flex gap={8} vertical={phone}>
                <div style={{ flex: 1 }}>
                  <EnterprisePicker value={enterpriseId} onChange={setEnterpriseId} data-testid="pin-enterprise" />
                </div>
                <Button type="primary" onClick={() => void pin()} loading={pinning} disabled={!enterpriseId} data-testid="pin-submit">
                  {t('svc.pinSubmit')}
                </Button>
              </Flex>
            </div>
          )}
        </>
      )}
    </Drawer>
  );
}
