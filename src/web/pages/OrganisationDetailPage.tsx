import { useParams } from 'react-router-dom';
import { OrganisationDetailView } from '../features/organisations/OrganisationDetailView.tsx';

export function OrganisationDetailPage() {
  const { id = '' } = useParams();
  // Keyed by id so that moving to a parent or child starts from a clean page, not the previous one's state.
  return <OrganisationDetailView key={id} id={id} />;
}
