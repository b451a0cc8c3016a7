import { useParams } from 'react-router-dom';
import { EnterpriseDetailView } from '../features/enterprises/EnterpriseDetailView.tsx';

export function EnterpriseDetailPage() {
  const { id = '' } = useParams();
  return <EnterpriseDetailView key={id} id={id} />;
}
