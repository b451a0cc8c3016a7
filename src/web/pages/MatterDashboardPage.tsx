import { MatterDashboardView } from '../features/matter-dashboard/MatterDashboardView.tsx';

/** DSH-1 /matters/dashboard. */
export function MatterDashboardPage() {
  return <MatterDashboardView />;
}
