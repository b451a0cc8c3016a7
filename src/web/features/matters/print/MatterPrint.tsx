import { Result, Skeleton } from 'antd';
import { matterApi } from '../../../api/matters.ts';
import { useT } from '../../../app/i18n.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useLoader } from '../../../ui/useLoader.ts';
import { PrintSheet } from './PrintSheet.tsx';
import { RecordForm } from './RecordForm.tsx';
import { SlipForm } from './SlipForm.tsx';

export type PrintedForm = { kind: 'record' } | { kind: 'slip'; code: string };

/** MAT-2 the 楼宇事项记录表 or one 楼宇事项派发单 of a matter, as an A4 page to print or save as PDF. */
export function MatterPrint({ id, form }: { id: string; form: PrintedForm }) {
  const t = useT();
  const { data: matter, error, reload } = useLoader((signal) => matterApi.get(id, signal), [id]);
  const backTo = `/matters/${id}`;

  if (error) {
    return (
      <div style={{ padding: 16 }}>
        <ErrorAlert error={error} onRetry={reload} />
      </div>
    );
  }
  if (!matter) return <Skeleton active style={{ padding: 24 }} />;

  if (form.kind === 'record') {
    return (
      <PrintSheet documentTitle={`${t('matter.form.record')} ${matter.code}`} backTo={backTo}>
        <RecordForm matter={matter} />
      </PrintSheet>
    );
  }
  const slip = matter.slips.find((s) => s.code === form.code);
  if (!slip) return <Result status="404" title={t('matter.form.noSlip')} />;
  return (
    <PrintSheet documentTitle={`${t('matter.form.slip')} ${slip.code}`} backTo={backTo}>
      <SlipForm matter={matter} slip={slip} />
    </PrintSheet>
  );
}
