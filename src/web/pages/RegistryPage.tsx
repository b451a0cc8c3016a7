import { RegistryOverview } from '../features/registry/RegistryOverview.tsx';

export function RegistryPage() {
  return <RegistryOverview />;
}
