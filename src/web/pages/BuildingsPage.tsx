import { BuildingList } from '../features/buildings/BuildingList.tsx';

export function BuildingsPage() {
  return <BuildingList />;
}
