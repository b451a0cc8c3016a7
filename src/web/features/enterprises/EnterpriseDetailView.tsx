import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Popconfirm, Row, Skeleton, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { enterpriseApi, serviceApi } from '../../api/registry.ts';
import type { EnterpriseLease, ServiceRecord } from '../../api/registryTypes.ts';
import { mayKeepRegistry, maySee } from '../../app/access.ts';
import { useUser } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLoader } from '../../ui/useLoader.ts';
import { CoverageTag } from '../buildings/tags.tsx';
import { area } from '../buildings/useBuildings.ts';
import { ServiceRecordModal } from '../instructors/ServiceRecordModal.tsx';
import type { ServicePerson } from '../instructors/ServicePersonPicker.tsx';

/** REG-2/REG-3/SVC-1 one enterprise: its profile, party-building coverage and where it has leased. */
export function EnterpriseDetailView({ id }: { id: string }) {
  const t = useT();
  const user = useUser();
  const navigate = useNavigate();
  const { data: e, error, loading, reload } = useLoader((signal) => enterpriseApi.get(id, signal), [id]);
  const services = useLoader((signal) => serviceApi.list({ enterpriseId: id, limit: 50 }, signal), [id]);
  const buildingLinks = maySee(user.role, 'buildings');
  const { message } = App.useApp();
  const [recording, setRecording] = useState(false);
  const keeps = mayKeepRegistry(user.role);
  // The enterprise's instructor first, then whoever has served it lately.
  const suggestedPeople = useMemo(() => {
    const people = new Map<string, ServicePerson>();
    if (e?.instructor) people.set(e.instructor.personId, { personId: e.instructor.personId, name: e.instructor.name });
    for (const r of services.data?.items ?? []) {
      if (!people.has(r.personId)) people.set(r.personId, { personId: r.personId, name: r.personName });
    }
    return [...people.values()];
  }, [e, services.data]);
  const removeService = (serviceId: string) =>
    serviceApi
      .remove(serviceId)
      .then(() => {
        message.success(t('service.deleted'));
        services.reload();
      })
      .catch((err: unknown) => message.error(errorMessage(err, t)));

  const serviceColumns: ColumnsType<ServiceRecord> = [
    { title: t('service.servedOn'), dataIndex: 'servedOn', key: 'servedOn' },
    { title: t('service.kind'), dataIndex: 'kindLabel', key: 'kind', render: (label: string) => <Tag color="red">{label}</Tag> },
    { title: t('service.person'), dataIndex: 'personName', key: 'person' },
    { title: t('service.summary'), dataIndex: 'summary', key: 'summary' },
    ...(keeps
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, r: ServiceRecord) => (
              <Popconfirm
                title={t('service.deleteConfirm')}
                onConfirm={() => removeService(r.id)}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
              >
                <Button size="small" type="link" danger data-testid={`service-delete-${r.id}`}>
                  {t('service.delete')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  const leaseColumns: ColumnsType<EnterpriseLease> = [
    {
      title: t('enterprise.currentBuilding'),
      dataIndex: 'buildingName',
      key: 'building',
      render: (name: string, row) => (buildingLinks ? <Link to={`/buildings/${row.buildingId}`}>{name}</Link> : name),
    },
    { title: t('building.units'), dataIndex: 'units', key: 'units' },
    {
      title: t('building.leaseArea'),
      dataIndex: 'area',
      key: 'area',
      align: 'right',
      render: (v: number) => t('area.value', { area: area(v) }),
    },
    { title: t('lease.startOn'), dataIndex: 'startOn', key: 'startOn' },
    { title: t('lease.endOn'), dataIndex: 'endOn', key: 'endOn' },
    {
      title: t('lease.endedOn'),
      dataIndex: 'endedOn',
      key: 'endedOn',
      render: (d: string | null) => (d ? <Tag>{d}</Tag> : <Tag color="green">{t('leaseStatus.current')}</Tag>),
    },
  ];

  return (
    <>
      <PageHeader
        title={e?.name ?? t('enterprise.title')}
        subtitle={e?.isKeyEnterprise ? <Tag color="red">{t('enterprise.key')}</Tag> : undefined}
        onBack={user.role === 'enterprise' ? undefined : () => navigate('/enterprises')}
        backLabel={t('common.back')}
      />
      <ErrorAlert error={error} onRetry={reload} />
      {loading && !e && <Skeleton active />}
      {e && (
        <Row gutter={[16, 16]}>
          <Col span={24}>
            <Card size="small">
              <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} data-testid="enterprise-facts">
                <Descriptions.Item label={t('enterprise.creditCode')}>
                  <Typography.Text code copyable>
                    {e.creditCode}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('enterprise.industry')}>
                  {e.industryName ? `${e.industryCode} ${e.industryName}` : '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('enterprise.size')}>{e.sizeClass ? t(`sizeClass.${e.sizeClass}`) : '—'}</Descriptions.Item>
                <Descriptions.Item label={t('enterprise.staff')}>{e.staffCount ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('enterprise.partyMembers')}>{e.partyMemberCount ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('enterprise.key')}>{e.isKeyEnterprise ? t('common.yes') : t('common.no')}</Descriptions.Item>
                <Descriptions.Item label={t('enterprise.partyOrgStatus')}>
                  <CoverageTag status={e.partyOrgStatus} />
                </Descriptions.Item>
                <Descriptions.Item label={t('enterprise.coverage')}>
                  <CoverageTag status={e.coverage} />
                </Descriptions.Item>
                <Descriptions.Item label={t('enterprise.instructor')}>
                  {e.instructor ? (
                    <Tag color="gold" data-testid="enterprise-instructor">
                      {e.instructor.name}
                      {e.instructor.pinned ? ` · ${t('svc.pinned')}` : ''}
                    </Tag>
                  ) : (
                    <Tag>{t('enterprise.noInstructor')}</Tag>
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={t('enterprise.currentBuilding')}>
                  {e.currentBuilding ? (
                    buildingLinks ? (
                      <Link to={`/buildings/${e.currentBuilding.id}`}>{e.currentBuilding.name}</Link>
                    ) : (
                      e.currentBuilding.name
                    )
                  ) : (
                    t('enterprise.noBuilding')
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={t('enterprise.region')}>{e.regionName ?? e.regionCode}</Descriptions.Item>
                <Descriptions.Item label={t('enterprise.legalRepresentative')}>{e.legalRepresentative ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('enterprise.registeredOn')}>{e.registeredOn ?? '—'}</Descriptions.Item>
              </Descriptions>
            </Card>
          </Col>
          <Col span={24}>
            <Card size="small" title={t('lease.history')} styles={{ body: { padding: 0 } }}>
              <Table<EnterpriseLease>
                rowKey="id"
                size="small"
                columns={leaseColumns}
                dataSource={e.leases}
                pagination={false}
                scroll={{ x: 'max-content' }}
                data-testid="enterprise-leases"
              />
            </Card>
          </Col>
          <Col span={24}>
            <Card
              size="small"
              title={t('enterprise.services')}
              styles={{ body: { padding: 0 } }}
              extra={
                keeps ? (
                  <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="service-new">
                    {t('service.new')}
                  </Button>
                ) : undefined
              }
            >
              <ErrorAlert error={services.error} onRetry={services.reload} />
              <Table<ServiceRecord>
                rowKey="id"
                size="small"
                loading={services.loading}
                columns={serviceColumns}
                dataSource={services.data?.items ?? []}
                pagination={false}
                scroll={{ x: 'max-content' }}
                data-testid="enterprise-services"
              />
            </Card>
          </Col>
        </Row>
      )}
      {recording && e && (
        <ServiceRecordModal
          enterprise={{ id: e.id, name: e.name }}
          suggestedPeople={suggestedPeople}
          onClose={() => setRecording(false)}
          onSaved={() => {
            setRecording(false);
            services.reload();
          }}
        />
      )}
    </>
  );
}
