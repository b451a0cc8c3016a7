import { Card, Col, Descriptions, Row, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { maySee, SECTIONS_BY_ROLE, SECTION_PATH, type SectionKey } from '../app/access.ts';
import { useUser } from '../app/auth.tsx';
import { useT, type MessageKey } from '../app/i18n.ts';
import { useLabels } from '../app/labels.ts';
import { SECTION_ICON, SECTION_LABEL } from '../app/sections.tsx';
import { PARTY_RED } from '../app/theme.ts';

const DESCRIPTION: Record<Exclude<SectionKey, 'home'>, MessageKey> = {
  registry: 'home.desc.registry',
  buildings: 'home.desc.buildings',
  enterprises: 'home.desc.enterprises',
  belts: 'home.desc.belts',
  investment: 'home.desc.investment',
  instructors: 'home.desc.instructors',
  imports: 'home.desc.imports',
  regions: 'home.desc.regions',
  organisations: 'home.desc.organisations',
  people: 'home.desc.people',
  users: 'home.desc.users',
  audit: 'home.desc.audit',
  channels: 'home.desc.channels',
  matterReport: 'home.desc.matterReport',
  myMatters: 'home.desc.myMatters',
  matters: 'home.desc.matters',
  policies: 'home.desc.policies',
  policiesForYou: 'home.desc.policiesForYou',
  policyApplications: 'home.desc.policyApplications',
  policyMeetings: 'home.desc.policyMeetings',
  policyDashboard: 'home.desc.policyDashboard',
  matterDashboard: 'home.desc.matterDashboard',
  fieldHouseholds: 'home.desc.fieldHouseholds',
  fieldVisit: 'home.desc.fieldVisit',
  fieldInspection: 'home.desc.fieldInspection',
  fieldMediation: 'home.desc.fieldMediation',
  needs: 'home.desc.needs',
  resources: 'home.desc.resources',
  projects: 'home.desc.projects',
  listsBoard: 'home.desc.listsBoard',
  villages: 'home.desc.villages',
  villageIncome: 'home.desc.villageIncome',
  heritage: 'home.desc.heritage',
  villageDashboard: 'home.desc.villageDashboard',
};

export function HomePage() {
  const user = useUser();
  const t = useT();
  const labels = useLabels();
  const shortcuts = SECTIONS_BY_ROLE[user.role].filter((s): s is Exclude<SectionKey, 'home'> => s !== 'home');

  return (
    <>
      <Card style={{ marginBottom: 16, borderTop: `3px solid ${PARTY_RED}` }}>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="home-greeting">
          {t('home.greeting', { name: user.displayName })}
        </Typography.Title>
        <Descriptions column={{ xs: 1, sm: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('home.role')}>
            <Tag color="red" data-testid="home-role">
              {labels.role(user.role)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('home.region')}>
            <span data-testid="home-region">
              {user.regionCode && maySee(user.role, 'regions') ? (
                <Link to={`/regions/${user.regionCode}`}>{user.regionName ?? user.regionCode}</Link>
              ) : (
                (user.regionName ?? user.regionCode ?? (user.role === 'admin' ? t('home.scopeAll') : '—'))
              )}
              {user.regionCode && user.regionName ? <Typography.Text type="secondary"> ({user.regionCode})</Typography.Text> : null}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('home.organisation')}>{user.organisationName ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Typography.Title level={5}>{t('home.shortcuts')}</Typography.Title>
      <Row gutter={[16, 16]}>
        {shortcuts.map((key) => (
          <Col key={key} xs={24} sm={12} lg={8} xl={6}>
            <Link to={SECTION_PATH[key]} data-testid={`shortcut-${key}`}>
              <Card hoverable size="small" style={{ height: '100%' }}>
                <Card.Meta
                  avatar={<span style={{ fontSize: 24, color: PARTY_RED }}>{SECTION_ICON[key]}</span>}
                  title={key === 'people' && user.role === 'member' ? t('person.mine') : t(SECTION_LABEL[key])}
                  description={t(key === 'people' && user.role === 'member' ? 'home.desc.peopleSelf' : DESCRIPTION[key])}
                />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}
