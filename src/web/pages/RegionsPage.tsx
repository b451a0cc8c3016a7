import { useParams } from 'react-router-dom';
import { RegionBrowser } from '../features/regions/RegionBrowser.tsx';

export function RegionsPage() {
  const { code } = useParams();
  return <RegionBrowser code={code} />;
}
