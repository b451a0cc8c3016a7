import { MatterReport } from '../features/matters/MatterReport.tsx';

/** MAT-1 我要反映. */
export function MatterReportPage() {
  return <MatterReport />;
}
