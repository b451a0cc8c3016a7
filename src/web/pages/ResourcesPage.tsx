import { useUser } from '../app/auth.tsx';
import { ResourceList } from '../features/lists/ResourceList.tsx';

export function ResourcesPage() {
  const user = useUser();
  // Building staff keep the building's records; resources come from bodies, enterprises and societies (LST-2).
  return <ResourceList mayOffer={user.role !== 'building'} />;
}
