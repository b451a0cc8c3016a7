import { ImportPanel } from '../features/imports/ImportPanel.tsx';

export function ImportPage() {
  return <ImportPanel />;
}
