import { NeedList } from '../features/lists/NeedList.tsx';

export function NeedsPage() {
  return <NeedList />;
}
