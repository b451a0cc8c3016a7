import { useParams } from 'react-router-dom';
import { MatterPrint } from '../features/matters/print/MatterPrint.tsx';

/** MAT-2 /matters/:id/print/record and /matters/:id/print/slip/:code, outside the app's shell so only the sheet prints. */
export function MatterPrintPage() {
  const { id = '', code } = useParams();
  return <MatterPrint key={`${id}/${code ?? ''}`} id={id} form={code ? { kind: 'slip', code } : { kind: 'record' }} />;
}
