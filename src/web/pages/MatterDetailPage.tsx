import { useParams } from 'react-router-dom';
import { MatterDetailView } from '../features/matters/MatterDetailView.tsx';

export function MatterDetailPage() {
  const { id = '' } = useParams();
  // Keyed by id so moving between matters starts from a clean page, not the last one's open step.
  return <MatterDetailView key={id} id={id} />;
}
