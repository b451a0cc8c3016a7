import { Button, Flex, Result, Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { HomePage } from '../pages/HomePage.tsx';
import type * as FieldPages from '../pages/FieldWorkPage.tsx';
import type * as PolicyPages from '../pages/PoliciesPage.tsx';
import type * as VillagePages from '../pages/VillagesPage.tsx';
import { LoginPage } from '../pages/LoginPage.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { MATTER_PAGE_SECTIONS, maySee, type SectionKey } from './access.ts';
import { AppLayout } from './AppLayout.tsx';
import { useAuth, useUser } from './auth.tsx';
import { useT } from './i18n.ts';

// Sign-in and home load at once; each section loads when first opened, so the first screen needs less code.
const BuildingDetailPage = lazy(() => import('../pages/BuildingDetailPage.tsx').then((m) => ({ default: m.BuildingDetailPage })));
const BuildingsPage = lazy(() => import('../pages/BuildingsPage.tsx').then((m) => ({ default: m.BuildingsPage })));
const EnterpriseDetailPage = lazy(() => import('../pages/EnterpriseDetailPage.tsx').then((m) => ({ default: m.EnterpriseDetailPage })));
const EnterprisesPage = lazy(() => import('../pages/EnterprisesPage.tsx').then((m) => ({ default: m.EnterprisesPage })));
const RegistryPage = lazy(() => import('../pages/RegistryPage.tsx').then((m) => ({ default: m.RegistryPage })));
const BeltsPage = lazy(() => import('../pages/BeltsPage.tsx').then((m) => ({ default: m.BeltsPage })));
const InvestmentPage = lazy(() => import('../pages/InvestmentPage.tsx').then((m) => ({ default: m.InvestmentPage })));
const InstructorsPage = lazy(() => import('../pages/InstructorsPage.tsx').then((m) => ({ default: m.InstructorsPage })));
const ImportPage = lazy(() => import('../pages/ImportPage.tsx').then((m) => ({ default: m.ImportPage })));
const AuditPage = lazy(() => import('../pages/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
const OrganisationDetailPage = lazy(() =>
  import('../pages/OrganisationDetailPage.tsx').then((m) => ({ default: m.OrganisationDetailPage })),
);
const OrganisationsPage = lazy(() => import('../pages/OrganisationsPage.tsx').then((m) => ({ default: m.OrganisationsPage })));
const PeoplePage = lazy(() => import('../pages/PeoplePage.tsx').then((m) => ({ default: m.PeoplePage })));
const PersonDetailPage = lazy(() => import('../pages/PersonDetailPage.tsx').then((m) => ({ default: m.PersonDetailPage })));
const RegionsPage = lazy(() => import('../pages/RegionsPage.tsx').then((m) => ({ default: m.RegionsPage })));
const ChannelsPage = lazy(() => import('../pages/ChannelsPage.tsx').then((m) => ({ default: m.ChannelsPage })));
const MatterReportPage = lazy(() => import('../pages/MatterReportPage.tsx').then((m) => ({ default: m.MatterReportPage })));
const MyMattersPage = lazy(() => import('../pages/MyMattersPage.tsx').then((m) => ({ default: m.MyMattersPage })));
const MattersPage = lazy(() => import('../pages/MattersPage.tsx').then((m) => ({ default: m.MattersPage })));
const MatterDetailPage = lazy(() => import('../pages/MatterDetailPage.tsx').then((m) => ({ default: m.MatterDetailPage })));
const MatterDashboardPage = lazy(() => import('../pages/MatterDashboardPage.tsx').then((m) => ({ default: m.MatterDashboardPage })));
const MatterPrintPage = lazy(() => import('../pages/MatterPrintPage.tsx').then((m) => ({ default: m.MatterPrintPage })));
const policyPage = <K extends keyof typeof PolicyPages>(name: K) =>
  lazy(() => import('../pages/PoliciesPage.tsx').then((m) => ({ default: m[name] })));
const PoliciesPage = policyPage('PoliciesPage');
const PolicyDetailPage = policyPage('PolicyDetailPage');
const PolicyNewPage = policyPage('PolicyNewPage');
const PolicyEditPage = policyPage('PolicyEditPage');
const PoliciesForYouPage = policyPage('PoliciesForYouPage');
const PolicyApplicationsPage = policyPage('PolicyApplicationsPage');
const PolicyMeetingsPage = policyPage('PolicyMeetingsPage');
const PolicyDashboardPage = policyPage('PolicyDashboardPage');
const fieldPage = <K extends keyof typeof FieldPages>(name: K) =>
  lazy(() => import('../pages/FieldWorkPage.tsx').then((m) => ({ default: m[name] })));
const FieldHouseholdsPage = fieldPage('FieldHouseholdsPage');
const FieldVisitPage = fieldPage('FieldVisitPage');
const FieldInspectionPage = fieldPage('FieldInspectionPage');
const FieldMediationPage = fieldPage('FieldMediationPage');
const villagePage = <K extends keyof typeof VillagePages>(name: K) =>
  lazy(() => import('../pages/VillagesPage.tsx').then((m) => ({ default: m[name] })));
const VillagesPage = villagePage('VillagesPage');
const VillageProfilePage = villagePage('VillageProfilePage');
const VillageIncomePage = villagePage('VillageIncomePage');
const HeritagePage = villagePage('HeritagePage');
const VillageDashboardPage = villagePage('VillageDashboardPage');
const PublicFundsPage = villagePage('PublicFundsPage');
const NeedsPage = lazy(() => import('../pages/NeedsPage.tsx').then((m) => ({ default: m.NeedsPage })));
const NeedDetailPage = lazy(() => import('../pages/NeedDetailPage.tsx').then((m) => ({ default: m.NeedDetailPage })));
const ResourcesPage = lazy(() => import('../pages/ResourcesPage.tsx').then((m) => ({ default: m.ResourcesPage })));
const ProjectsPage = lazy(() => import('../pages/ProjectsPage.tsx').then((m) => ({ default: m.ProjectsPage })));
const ProjectDetailPage = lazy(() => import('../pages/ProjectDetailPage.tsx').then((m) => ({ default: m.ProjectDetailPage })));
const ListsBoardPage = lazy(() => import('../pages/ListsBoardPage.tsx').then((m) => ({ default: m.ListsBoardPage })));
const UsersPage = lazy(() => import('../pages/UsersPage.tsx').then((m) => ({ default: m.UsersPage })));

function SectionSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: 240 }}>
      <Spin />
    </Flex>
  );
}

function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

function RequireAuth({ children }: { children: ReactNode }) {
  const { status, error, retry } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <FullPageSpin />;
  if (status === 'error') {
    return (
      <Flex align="center" justify="center" style={{ minHeight: '100vh', padding: 16 }}>
        <ErrorAlert error={error} onRetry={retry} />
      </Flex>
    );
  }
  if (status === 'anonymous') return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

function RequireSection({ section, children }: { section: SectionKey; children: ReactNode }) {
  const user = useUser();
  const t = useT();
  const navigate = useNavigate();
  if (maySee(user.role, section)) return <Suspense fallback={<SectionSpin />}>{children}</Suspense>;
  return (
    <Result
      status="403"
      title={t('app.forbidden')}
      subTitle={t('app.forbiddenHint')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('app.backHome')}
        </Button>
      }
    />
  );
}

function NotFound() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('app.notFound')}
      subTitle={t('app.notFoundHint')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('app.backHome')}
        </Button>
      }
    />
  );
}

const guarded = (section: SectionKey, page: ReactNode) => <RequireSection section={section}>{page}</RequireSection>;

/** A page several sections lead to (a matter is reached from the workbench and from 我的事项). */
function RequireAnySection({ sections, children }: { sections: readonly SectionKey[]; children: ReactNode }) {
  const user = useUser();
  const section = sections.find((s) => maySee(user.role, s)) ?? sections[0]!;
  return <RequireSection section={section}>{children}</RequireSection>;
}

export function AppRouter() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        {/* VIL-2 the funds summary a villager can be shown: no sign-in, aggregates only. */}
        <Route
          path="public/villages/:code/funds"
          element={
            <Suspense fallback={<FullPageSpin />}>
              <PublicFundsPage />
            </Suspense>
          }
        />
        {/* The printed forms (MAT-2) stand outside the shell: an A4 sheet and nothing else. */}
        {['matters/:id/print/record', 'matters/:id/print/slip/:code'].map((path) => (
          <Route
            key={path}
            path={path}
            element={
              <RequireAuth>
                <RequireAnySection sections={MATTER_PAGE_SECTIONS}>
                  <MatterPrintPage />
                </RequireAnySection>
              </RequireAuth>
            }
          />
        ))}
        <Route
          element={
            <RequireAuth>
              <AppLayout />
            </RequireAuth>
          }
        >
          <Route index element={<HomePage />} />
          <Route path="buildings" element={guarded('buildings', <BuildingsPage />)} />
          <Route path="buildings/:id" element={guarded('buildings', <BuildingDetailPage />)} />
          <Route path="enterprises" element={guarded('enterprises', <EnterprisesPage />)} />
          <Route path="enterprises/:id" element={guarded('enterprises', <EnterpriseDetailPage />)} />
          <Route path="belts" element={guarded('belts', <BeltsPage />)} />
          <Route path="investment" element={guarded('investment', <InvestmentPage />)} />
          <Route path="instructors" element={guarded('instructors', <InstructorsPage />)} />
          <Route path="import" element={guarded('imports', <ImportPage />)} />
          <Route path="registry" element={guarded('registry', <RegistryPage />)} />
          <Route path="regions" element={guarded('regions', <RegionsPage />)} />
          <Route path="regions/:code" element={guarded('regions', <RegionsPage />)} />
          <Route path="organisations" element={guarded('organisations', <OrganisationsPage />)} />
          <Route path="organisations/:id" element={guarded('organisations', <OrganisationDetailPage />)} />
          <Route path="people" element={guarded('people', <PeoplePage />)} />
          <Route path="people/:id" element={guarded('people', <PersonDetailPage />)} />
          <Route path="admin/users" element={guarded('users', <UsersPage />)} />
          <Route path="admin/audit" element={guarded('audit', <AuditPage />)} />
          <Route path="admin/channels" element={guarded('channels', <ChannelsPage />)} />
          <Route path="matters" element={guarded('matters', <MattersPage />)} />
          <Route path="matters/new" element={guarded('matterReport', <MatterReportPage />)} />
          <Route path="matters/dashboard" element={guarded('matterDashboard', <MatterDashboardPage />)} />
          <Route path="matters/mine" element={guarded('myMatters', <MyMattersPage />)} />
          <Route
            path="matters/:id"
            element={
              <RequireAnySection sections={MATTER_PAGE_SECTIONS}>
                <MatterDetailPage />
              </RequireAnySection>
            }
          />
          <Route path="policies" element={guarded('policies', <PoliciesPage />)} />
          <Route path="policies/new" element={guarded('policyDashboard', <PolicyNewPage />)} />
          <Route path="policies/mine" element={guarded('policiesForYou', <PoliciesForYouPage />)} />
          <Route path="policies/applications" element={guarded('policyApplications', <PolicyApplicationsPage />)} />
          <Route path="policies/meetings" element={guarded('policyMeetings', <PolicyMeetingsPage />)} />
          <Route path="policies/dashboard" element={guarded('policyDashboard', <PolicyDashboardPage />)} />
          <Route path="policies/:id" element={guarded('policies', <PolicyDetailPage />)} />
          <Route path="policies/:id/edit" element={guarded('policyDashboard', <PolicyEditPage />)} />
          <Route path="field" element={guarded('fieldHouseholds', <FieldHouseholdsPage />)} />
          <Route path="field/visit" element={guarded('fieldVisit', <FieldVisitPage />)} />
          <Route path="field/inspection" element={guarded('fieldInspection', <FieldInspectionPage />)} />
          <Route path="field/mediation" element={guarded('fieldMediation', <FieldMediationPage />)} />
          <Route path="needs" element={guarded('needs', <NeedsPage />)} />
          <Route path="needs/:id" element={guarded('needs', <NeedDetailPage />)} />
          <Route path="resources" element={guarded('resources', <ResourcesPage />)} />
          <Route path="projects" element={guarded('projects', <ProjectsPage />)} />
          <Route path="projects/:id" element={guarded('projects', <ProjectDetailPage />)} />
          <Route path="lists/board" element={guarded('listsBoard', <ListsBoardPage />)} />
          <Route path="villages" element={guarded('villages', <VillagesPage />)} />
          <Route path="villages/income" element={guarded('villageIncome', <VillageIncomePage />)} />
          <Route path="villages/heritage" element={guarded('heritage', <HeritagePage />)} />
          <Route path="villages/dashboard" element={guarded('villageDashboard', <VillageDashboardPage />)} />
          <Route path="villages/:code" element={guarded('villages', <VillageProfilePage />)} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
