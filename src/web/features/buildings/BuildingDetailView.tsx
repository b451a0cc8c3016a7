import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Flex, List, Progress, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { buildingApi } from '../../api/registry.ts';
import type { BuildingDetail, BuildingPage, LeaseWarning, LiaisonRole, Tenant } from '../../api/registryTypes.ts';
import { mayKeepBuilding, maySee } from '../../app/access.ts';
import { useUser } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.ts';
import { industryName } from '../../../domain/registry/industry.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLoader } from '../../ui/useLoader.ts';
import { CommitteesCard } from './CommitteesCard.tsx';
import { LeaseEventModal, type LeaseEventKind } from './LeaseEventModal.tsx';
import { LiaisonAssignModal } from './LiaisonAssignModal.tsx';
import { LiaisonCards } from './LiaisonCards.tsx';
import { MoveInModal } from './MoveInModal.tsx';
import { OccupancyChart } from './OccupancyChart.tsx';
import { TenantsCard } from './TenantsCard.tsx';
import { CoverageTag, DemoStatusTag } from './tags.tsx';
import { area, percent } from './useBuildings.ts';

/** The server's default warning window (GET /buildings/:id/page?warningDays=90). */
const WARN_DAYS = 90;

type Editing = { kind: 'move_in' } | { kind: LeaseEventKind; tenant: Tenant } | { kind: 'liaison'; role: LiaisonRole } | null;

function Facts({ b }: { b: BuildingDetail }) {
  const t = useT();
  const dash = '—';
  return (
    <Card size="small" title={t('building.facts')}>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} data-testid="building-facts">
        <Descriptions.Item label={t('building.address')}>{b.address}</Descriptions.Item>
        <Descriptions.Item label={t('building.street')}>{b.regionName ?? b.regionCode}</Descriptions.Item>
        <Descriptions.Item label={t('building.floors')}>
          {b.floorsAbove !== null ? t('building.floorsValue', { above: b.floorsAbove, below: b.floorsBelow ?? 0 }) : dash}
        </Descriptions.Item>
        <Descriptions.Item label={t('building.grossArea')}>
          {b.grossArea !== null ? t('area.value', { area: area(b.grossArea) }) : dash}
        </Descriptions.Item>
        <Descriptions.Item label={t('building.officeArea')}>{t('area.value', { area: area(b.officeArea) })}</Descriptions.Item>
        <Descriptions.Item label={t('building.ownership')}>{t(`ownership.${b.ownership}`)}</Descriptions.Item>
        <Descriptions.Item label={t('building.managementMode')}>{t(`managementMode.${b.managementMode}`)}</Descriptions.Item>
        <Descriptions.Item label={t('building.propertyCompany')}>{b.propertyCompany?.name ?? dash}</Descriptions.Item>
        <Descriptions.Item label={t('building.propertyOwner')}>{b.propertyOwner?.name ?? dash}</Descriptions.Item>
        <Descriptions.Item label={t('building.positioning')}>
          {b.positioning ? <Tag color="volcano">{b.positioning}</Tag> : dash}
        </Descriptions.Item>
        <Descriptions.Item label={t('building.industryFocus')}>
          {b.industryFocus.length ? (
            <Space size={[4, 4]} wrap>
              {b.industryFocus.map((code) => (
                <Tag key={code}>{industryName(code) ?? code}</Tag>
              ))}
            </Space>
          ) : (
            dash
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('building.demoStatus')}>
          <DemoStatusTag status={b.demoStatus} />
        </Descriptions.Item>
        {b.askingRent !== null && (
          <Descriptions.Item label={t('building.askingRent')}>{t('building.rentValue', { rent: b.askingRent })}</Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

function CoverageCard({ page }: { page: BuildingPage }) {
  const t = useT();
  const c = page.building.coverage;
  return (
    <Card size="small" title={t('building.coverage')} data-testid="building-coverage">
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        {c.mode === 'none' ? <Tag>{t('coverageMode.none')}</Tag> : <Tag color="red">{t(`coverageMode.${c.mode}`)}</Tag>}
        {page.building.comprehensivePartyOrg && (
          <Link to={`/organisations/${page.building.comprehensivePartyOrg.id}`}>{page.building.comprehensivePartyOrg.name}</Link>
        )}
      </Typography.Paragraph>
      <Flex align="center" gap={12} wrap>
        <Progress type="circle" size={72} percent={Math.round((c.enterpriseRate ?? 0) * 100)} strokeColor="#cf1322" />
        <div>
          <div>
            {t('building.coverageRate')}: <strong>{percent(c.enterpriseRate)}</strong>
          </div>
          <Typography.Text type="secondary">
            {t('building.coverageCount', { covered: c.coveredEnterprises, total: c.enterprises })}
          </Typography.Text>
          <div style={{ marginTop: 6 }}>
            <Space size={[4, 4]} wrap>
              {(['own', 'joint', 'instructor', 'none'] as const).map((s) => (
                <span key={s}>
                  <CoverageTag status={s} />
                  {c.byStatus[s]}
                </span>
              ))}
            </Space>
          </div>
        </div>
      </Flex>
    </Card>
  );
}

function WarningsCard({ warnings }: { warnings: LeaseWarning[] }) {
  const t = useT();
  return (
    <Card size="small" title={t('building.warnings')} data-testid="building-warnings">
      {warnings.length === 0 ? (
        <Typography.Text type="secondary">{t('building.noWarnings')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={warnings}
          renderItem={(w) => (
            <List.Item style={{ paddingInline: 0 }}>
              <Typography.Text type={w.kind === 'moved_out' ? 'secondary' : 'warning'}>
                <WarningOutlined style={{ marginInlineEnd: 6 }} />
                {t(`warning.${w.kind}`, { name: w.enterpriseName, date: w.date, days: w.days, area: area(w.area) })}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** REG-1…6 one building: facts, occupancy over a year, tenants, 一楼八员, 楼宇两委, coverage and warnings. */
export function BuildingDetailView({ id }: { id: string }) {
  const t = useT();
  const user = useUser();
  const navigate = useNavigate();
  const [editing, setEditing] = useState<Editing>(null);
  const { data: page, error, loading, reload } = useLoader((signal) => buildingApi.page(id, signal), [id]);
  const writable = mayKeepBuilding(user.role);
  const done = () => {
    setEditing(null);
    reload();
  };

  return (
    <>
      <PageHeader
        title={page?.building.name ?? t('building.title')}
        subtitle={
          page
            ? `${page.building.regionName ?? ''} · ${t('building.occupancy')} ${percent(page.building.occupancy.occupancyRate)}`
            : undefined
        }
        onBack={maySee(user.role, 'buildings') ? () => navigate('/buildings') : undefined}
        backLabel={t('common.back')}
      />
      <ErrorAlert error={error} onRetry={reload} />
      {loading && !page && <Skeleton active />}
      {page && (
        <Row gutter={[16, 16]}>
          {page.warnings.some((w) => w.kind !== 'moved_out') && (
            <Col span={24}>
              <Alert
                type="warning"
                showIcon
                title={`${t('building.warnings')}: ${page.warnings.filter((w) => w.kind !== 'moved_out').length}`}
              />
            </Col>
          )}
          <Col span={24}>
            <Facts b={page.building} />
          </Col>
          <Col xs={24} xl={14}>
            <Card size="small" title={t('building.timeline')}>
              <OccupancyChart timeline={page.timeline} />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <WarningsCard warnings={page.warnings} />
          </Col>
          <Col span={24}>
            <LiaisonCards slots={page.liaisons} onAssign={writable ? (role) => setEditing({ kind: 'liaison', role }) : undefined} />
          </Col>
          <Col span={24}>
            <TenantsCard
              tenants={page.enterprises}
              today={page.today}
              warnDays={WARN_DAYS}
              onEvent={writable ? (tenant, kind) => setEditing({ kind, tenant }) : undefined}
              extra={
                writable && (
                  <Button
                    size="small"
                    type="primary"
                    icon={<PlusOutlined />}
                    onClick={() => setEditing({ kind: 'move_in' })}
                    data-testid="move-in"
                  >
                    {t('lease.moveIn')}
                  </Button>
                )
              }
            />
          </Col>
          <Col xs={24} xl={14}>
            <CommitteesCard committees={page.committees} />
          </Col>
          <Col xs={24} xl={10}>
            <CoverageCard page={page} />
          </Col>
        </Row>
      )}
      {page && editing?.kind === 'move_in' && <MoveInModal building={page.building} onClose={() => setEditing(null)} onSaved={done} />}
      {page && editing && 'tenant' in editing && (
        <LeaseEventModal tenant={editing.tenant} kind={editing.kind} onClose={() => setEditing(null)} onSaved={done} />
      )}
      {page && editing?.kind === 'liaison' && (
        <LiaisonAssignModal buildingId={page.building.id} role={editing.role} onClose={() => setEditing(null)} onSaved={done} />
      )}
    </>
  );
}
