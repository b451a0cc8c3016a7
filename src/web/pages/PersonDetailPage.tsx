import { useParams } from 'react-router-dom';
import { useUser } from '../app/auth.tsx';
import { PersonDetailView } from '../features/people/PersonDetailView.tsx';

export function PersonDetailPage() {
  const { id = '' } = useParams();
  const user = useUser();
  return <PersonDetailView key={id} id={id} own={user.personId === id && user.role === 'member'} />;
}
