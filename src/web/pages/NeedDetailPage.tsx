import { useParams } from 'react-router-dom';
import { NeedDetailView } from '../features/lists/NeedDetailView.tsx';

export function NeedDetailPage() {
  const { id = '' } = useParams();
  return <NeedDetailView key={id} id={id} />;
}
