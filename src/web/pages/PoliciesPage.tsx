import { Card } from 'antd';
import { useParams } from 'react-router-dom';
import { policiesApi } from '../api/policies.ts';
import { Applications } from '../features/policies/Applications.tsx';
import { Dashboard } from '../features/policies/Dashboard.tsx';
import { ForYou } from '../features/policies/ForYou.tsx';
import { Meetings } from '../features/policies/Meetings.tsx';
import { PolicyCatalogue } from '../features/policies/PolicyCatalogue.tsx';
import { PolicyDetail } from '../features/policies/PolicyDetail.tsx';
import { PolicyEditor } from '../features/policies/PolicyEditor.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useLoader } from '../ui/useLoader.ts';

/** POL-1 … POL-4 pages: thin wrappers over features/policies, loaded together when first opened. */
export function PoliciesPage() {
  return <PolicyCatalogue />;
}

export function PolicyDetailPage() {
  const { id = '' } = useParams();
  return <PolicyDetail key={id} id={id} />;
}

export function PolicyNewPage() {
  return <PolicyEditor />;
}

export function PolicyEditPage() {
  const { id = '' } = useParams();
  const { data, error, reload } = useLoader((signal) => policiesApi.get(id, signal), [id]);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  return data ? <PolicyEditor key={`${data.id}-${data.version}`} policy={data} /> : <Card loading />;
}

export function PoliciesForYouPage() {
  return <ForYou />;
}

export function PolicyApplicationsPage() {
  return <Applications />;
}

export function PolicyMeetingsPage() {
  return <Meetings />;
}

export function PolicyDashboardPage() {
  return <Dashboard />;
}
