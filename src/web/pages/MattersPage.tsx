import { MatterWorkbench } from '../features/matters/MatterWorkbench.tsx';

/** MAT-5 事项工作台. */
export function MattersPage() {
  return <MatterWorkbench />;
}
