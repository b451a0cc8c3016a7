import { Result } from 'antd';
import { Navigate } from 'react-router-dom';
import { useUser } from '../app/auth.tsx';
import { useT } from '../app/i18n.ts';
import { PersonList } from '../features/people/PersonList.tsx';

export function PeoplePage() {
  const user = useUser();
  const t = useT();
  // A party member sees only their own record (ORG-4), so the list would have one row: open it.
  if (user.role === 'member') {
    if (user.personId) return <Navigate to={`/people/${user.personId}`} replace />;
    return <Result status="info" title={t('person.mine')} subTitle={t('person.noRecord')} />;
  }
  return <PersonList />;
}
