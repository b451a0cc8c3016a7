import { BeltList } from '../features/belts/BeltList.tsx';

export function BeltsPage() {
  return <BeltList />;
}
