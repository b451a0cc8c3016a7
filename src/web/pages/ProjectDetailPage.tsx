import { useParams } from 'react-router-dom';
import { ProjectDetailView } from '../features/lists/ProjectDetailView.tsx';

export function ProjectDetailPage() {
  const { id = '' } = useParams();
  return <ProjectDetailView key={id} id={id} />;
}
