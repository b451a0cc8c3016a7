import { useParams } from 'react-router-dom';
import { BuildingDetailView } from '../features/buildings/BuildingDetailView.tsx';

export function BuildingDetailPage() {
  const { id = '' } = useParams();
  // Keyed by id so moving between buildings starts from a clean page, not the last one's modal state.
  return <BuildingDetailView key={id} id={id} />;
}
