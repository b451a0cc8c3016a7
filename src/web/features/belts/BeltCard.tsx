import { CheckCircleOutlined, CloseOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, List, Popconfirm, Progress, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { beltApi } from '../../api/registry.ts';
import type { Belt } from '../../api/registryTypes.ts';
import { mayKeepRegistry, maySee } from '../../app/access.ts';
import { useUser } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.ts';
import { errorMessage } from '../../ui/ErrorAlert.tsx';
import { BeltBuildingModal } from './BeltBuildingModal.tsx';
import { BeltPointModal } from './BeltPointModal.tsx';

type Member = Belt['buildings'][number];
type Editing = { kind: 'addBuilding' } | { kind: 'editBuilding'; member: Member } | { kind: 'addPoint' };

/**
 * REG-7 one belt: the rule checks on top, its buildings with status and progress, its points.
 * Staff who keep the registry add buildings and points, move candidates along and remove points;
 * every change answers with the belt as it now stands, so the checks on top follow at once.
 */
export function BeltCard({ belt, onChanged }: { belt: Belt; onChanged: (belt: Belt) => void }) {
  const t = useT();
  const user = useUser();
  const { message } = App.useApp();
  const links = maySee(user.role, 'buildings');
  const editable = mayKeepRegistry(user.role);
  const [editing, setEditing] = useState<Editing | null>(null);

  const saved = (updated: Belt) => {
    setEditing(null);
    onChanged(updated);
  };
  const removePoint = (pointId: string) =>
    beltApi
      .removePoint(belt.id, pointId)
      .then((updated) => {
        message.success(t('belt.pointRemoved'));
        onChanged(updated);
      })
      .catch((err: unknown) => message.error(errorMessage(err, t)));

  return (
    <Card
      size="small"
      data-testid={`belt-${belt.id}`}
      data-buildings={belt.buildings.length}
      data-points={belt.points.length}
      title={
        <Flex gap={8} align="center" wrap>
          <span>{belt.name}</span>
          <Tag color={belt.level === 'city' ? 'red' : 'blue'}>{t(`belt.level.${belt.level}`)}</Tag>
        </Flex>
      }
      extra={<Typography.Text type="secondary">{belt.regionName ?? belt.regionCode}</Typography.Text>}
      actions={
        editable
          ? [
              <Button
                key="building"
                type="link"
                icon={<PlusOutlined />}
                onClick={() => setEditing({ kind: 'addBuilding' })}
                data-testid={`belt-add-building-${belt.id}`}
              >
                {t('belt.addBuilding')}
              </Button>,
              <Button
                key="point"
                type="link"
                icon={<PlusOutlined />}
                onClick={() => setEditing({ kind: 'addPoint' })}
                data-testid={`belt-add-point-${belt.id}`}
              >
                {t('belt.addPoint')}
              </Button>,
            ]
          : undefined
      }
    >
      <div data-testid={`belt-checks-${belt.id}`} aria-live="polite">
        {belt.violations.length > 0 ? (
          belt.violations.map((v) => (
            <Alert key={v.rule} type="warning" showIcon title={v.message} style={{ marginBottom: 8 }} data-testid="belt-violation" />
          ))
        ) : (
          <Typography.Paragraph type="success" style={{ marginBottom: 8 }} data-testid="belt-ok">
            <CheckCircleOutlined /> {t('belt.ok')}
          </Typography.Paragraph>
        )}
      </div>
      <Typography.Text strong>
        {t('belt.buildings')} ({belt.buildings.length})
      </Typography.Text>
      <List
        size="small"
        dataSource={belt.buildings}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        renderItem={(b) => (
          <List.Item style={{ paddingInline: 0, display: 'block' }} data-testid={`belt-building-${belt.id}-${b.buildingId}`}>
            <Flex justify="space-between" align="center" gap={8} wrap>
              <span>
                {links ? <Link to={`/buildings/${b.buildingId}`}>{b.name}</Link> : b.name}{' '}
                <Tag color={b.status === 'named' ? 'red' : 'orange'}>{t(`demoStatus.${b.status}`)}</Tag>
              </span>
              <Flex align="center" gap={4}>
                <Progress
                  percent={b.status === 'named' ? 100 : b.progress}
                  size="small"
                  style={{ width: 140, margin: 0 }}
                  strokeColor={b.status === 'named' ? '#cf1322' : '#fa8c16'}
                  aria-label={t('belt.progress')}
                />
                {editable && (
                  <Button
                    size="small"
                    type="text"
                    icon={<EditOutlined />}
                    aria-label={t('belt.editBuilding')}
                    title={t('belt.editBuilding')}
                    onClick={() => setEditing({ kind: 'editBuilding', member: b })}
                    data-testid={`belt-building-edit-${belt.id}-${b.buildingId}`}
                  />
                )}
              </Flex>
            </Flex>
          </List.Item>
        )}
      />
      <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
        {t('belt.points')} ({belt.points.length})
      </Typography.Text>
      <Flex gap={4} wrap style={{ marginTop: 4 }}>
        {belt.points.map((p) => (
          <Tag
            key={p.id}
            color={p.level === 'city' ? 'volcano' : 'geekblue'}
            title={[t(`belt.level.${p.level}`), p.buildingName, p.namedOn].filter(Boolean).join(' · ')}
            data-testid={`belt-point-${p.id}`}
          >
            {p.name}
            {editable && (
              <Popconfirm
                title={t('belt.removePoint', { name: p.name })}
                onConfirm={() => removePoint(p.id)}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
              >
                <Button
                  size="small"
                  type="text"
                  icon={<CloseOutlined />}
                  aria-label={t('belt.removePoint', { name: p.name })}
                  style={{ height: 18, width: 18, minWidth: 18, marginInlineStart: 2, color: 'inherit' }}
                  data-testid={`belt-point-remove-${p.id}`}
                />
              </Popconfirm>
            )}
          </Tag>
        ))}
      </Flex>
      {editing?.kind === 'addBuilding' && <BeltBuildingModal belt={belt} onClose={() => setEditing(null)} onSaved={saved} />}
      {editing?.kind === 'editBuilding' && (
        <BeltBuildingModal belt={belt} member={editing.member} onClose={() => setEditing(null)} onSaved={saved} />
      )}
      {editing?.kind === 'addPoint' && <BeltPointModal belt={belt} onClose={() => setEditing(null)} onSaved={saved} />}
    </Card>
  );
}
