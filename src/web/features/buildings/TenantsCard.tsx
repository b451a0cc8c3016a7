import { DownOutlined } from '@ant-design/icons';
import { Button, Card, Dropdown, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { PartyOrgStatus, Tenant } from '../../api/registryTypes.ts';
import { useT } from '../../app/i18n.ts';
import { useIsPhone } from '../../ui/useIsPhone.ts';
import type { LeaseEventKind } from './LeaseEventModal.tsx';
import { CoverageTag } from './tags.tsx';
import { area } from './useBuildings.ts';

/** Days from `today` to `date`, both calendar dates (no time zone involved). */
function daysUntil(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export interface TenantsCardProps {
  tenants: Tenant[];
  today: string;
  /** Leases ending within this many days are highlighted (the page's warning window). */
  warnDays: number;
  onEvent?: (tenant: Tenant, kind: LeaseEventKind) => void;
  extra?: ReactNode;
}

/** REG-3 who is in the building now, the largest first; leases about to end stand out. */
export function TenantsCard({ tenants, today, warnDays, onEvent, extra }: TenantsCardProps) {
  const t = useT();
  const phone = useIsPhone();
  const columns: ColumnsType<Tenant> = [
    {
      title: t('building.tenant'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, row) => (
        <span>
          <Link to={`/enterprises/${row.enterpriseId}`}>{name}</Link>
          {row.isKeyEnterprise && (
            <Tag color="red" style={{ marginInlineStart: 6 }}>
              {t('building.keyEnterprise')}
            </Tag>
          )}
        </span>
      ),
    },
    { title: t('building.units'), dataIndex: 'units', key: 'units', responsive: ['md'] },
    {
      title: t('building.leaseArea'),
      dataIndex: 'area',
      key: 'area',
      align: 'right',
      render: (v: number) => t('area.value', { area: area(v) }),
    },
    {
      title: t('building.leaseEnd'),
      dataIndex: 'endOn',
      key: 'endOn',
      sorter: (a, b) => (a.endOn < b.endOn ? -1 : a.endOn > b.endOn ? 1 : 0),
      render: (endOn: string) => {
        const days = daysUntil(today, endOn);
        if (days > warnDays) return endOn;
        return (
          <span>
            <Typography.Text type="danger" strong>
              {endOn}
            </Typography.Text>
            <Tag color="orange" style={{ marginInlineStart: 6 }}>
              {t('building.expiringSoon', { days })}
            </Tag>
          </span>
        );
      },
    },
    {
      title: t('enterprise.coverage'),
      dataIndex: 'coverage',
      key: 'coverage',
      responsive: ['lg'],
      render: (s: PartyOrgStatus) => <CoverageTag status={s} />,
    },
  ];
  if (onEvent) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, row) => (
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'move_out', label: <span data-testid={`move-out-${row.leaseId}`}>{t('lease.moveOut')}</span>, danger: true },
              { key: 'area_change', label: t('lease.areaChange') },
              { key: 'renewal', label: t('lease.renewal') },
            ],
            onClick: ({ key }) => onEvent(row, key as LeaseEventKind),
          }}
        >
          <Button size="small" data-testid={`tenant-actions-${row.leaseId}`}>
            {t('common.actions')} <DownOutlined />
          </Button>
        </Dropdown>
      ),
    });
  }
  return (
    <Card size="small" title={`${t('building.tenants')} (${tenants.length})`} extra={extra} styles={{ body: { padding: 0 } }}>
      <Table<Tenant>
        rowKey="leaseId"
        size="small"
        columns={columns}
        dataSource={tenants}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: phone ? 8 : 10, showSizeChanger: false, hideOnSinglePage: true, size: 'small' }}
        rowClassName={(row) => (daysUntil(today, row.endOn) <= warnDays ? 'ht-row-expiring' : '')}
        data-testid="tenant-table"
      />
    </Card>
  );
}
