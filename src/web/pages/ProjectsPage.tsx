import { ProjectList } from '../features/lists/ProjectList.tsx';

export function ProjectsPage() {
  return <ProjectList />;
}
