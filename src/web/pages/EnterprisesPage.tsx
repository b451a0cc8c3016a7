import { Result } from 'antd';
import { Navigate } from 'react-router-dom';
import { useUser } from '../app/auth.tsx';
import { useT } from '../app/i18n.ts';
import { EnterpriseList } from '../features/enterprises/EnterpriseList.tsx';

export function EnterprisesPage() {
  const user = useUser();
  const t = useT();
  // An enterprise's contact sees only their own enterprise (ORG-4): open it instead of a one-row list.
  if (user.role === 'enterprise') {
    if (user.organisationId) return <Navigate to={`/enterprises/${user.organisationId}`} replace />;
    return <Result status="info" title={t('enterprise.title')} subTitle={t('common.empty')} />;
  }
  return <EnterpriseList />;
}
