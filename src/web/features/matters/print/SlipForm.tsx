import type { DispatchSlip, MatterDetail } from '../../../api/matters.ts';
import { useT } from '../../../app/i18n.ts';
import { useMatterLabels } from '../useMatterLabels.ts';
import { Blank } from './PrintSheet.tsx';
import { formTime } from './RecordForm.tsx';

/**
 * MAT-2 楼宇事项派发单: what goes to the department with the matter, and the two
 * boxes that come back — the sign-for receipt and the result.
 */
export function SlipForm({ matter, slip }: { matter: MatterDetail; slip: DispatchSlip }) {
  const t = useT();
  const labels = useMatterLabels();
  const dispatchedMs = new Date(slip.dispatchedAt).getTime();
  const after = matter.events.filter((e) => new Date(e.createdAt).getTime() >= dispatchedMs);
  // The result of this slip: the first report after it, unless the slip was returned first.
  const report = slip.returnedAt ? undefined : after.find((e) => e.action === 'report_back');
  const accepted = slip.acceptedAt ? after.find((e) => e.action === 'accept') : undefined;
  const resolution = matter.clocks.find((c) => c.kind === 'resolution');
  // The desk that sent it: the building itself at building level, else the office of that level.
  const fromDesk = slip.level === 'building' && matter.building ? matter.building.name : labels.level(slip.level);

  return (
    <>
      <h1>{t('matter.form.slip')}</h1>
      <div className="ht-sheet-meta">
        <span>
          {t('matter.form.matterCode')}：{matter.code}
        </span>
        <span data-testid="form-code">{t('matter.form.no', { code: slip.code })}</span>
      </div>
      <table className="ht-form-table">
        <tbody>
          <tr>
            <th>{t('matter.form.fromLevel')}</th>
            <td>{labels.level(slip.level)}</td>
            <th>{t('matter.form.fromDesk')}</th>
            <td>
              {fromDesk}
              {slip.dispatchedBy ? `（${slip.dispatchedBy}）` : ''}
            </td>
          </tr>
          <tr>
            <th>{t('matter.form.toDept')}</th>
            <td colSpan={3} style={{ fontWeight: 600 }} data-testid="form-handler">
              {slip.handler.name}
            </td>
          </tr>
          <tr>
            <th>{t('matter.slip.at')}</th>
            <td>{formTime(slip.dispatchedAt)}</td>
            <th>{t('matter.field.category')}</th>
            <td>
              {matter.category.name}
              {matter.priority !== 'normal' ? ` · ${labels.priority(matter.priority)}` : ''}
            </td>
          </tr>
          <tr>
            <th>{t('matter.field.enterprise')}</th>
            <td>{matter.enterprise?.name ?? ''}</td>
            <th>{t('matter.field.contactName')}</th>
            <td>{[matter.contactName, matter.contactPhone].filter(Boolean).join('  ')}</td>
          </tr>
          <tr>
            <th>{t('matter.field.title')}</th>
            <td colSpan={3}>{matter.title}</td>
          </tr>
          <tr>
            <th>{t('matter.field.description')}</th>
            <td colSpan={3} className="ht-tall">
              {matter.description}
            </td>
          </tr>
          <tr>
            <th>{t('matter.form.instructions')}</th>
            <td colSpan={3} style={{ height: '18mm' }}>
              {slip.instructions ?? ''}
            </td>
          </tr>
          <tr>
            <th>{t('matter.form.signForDeadline')}</th>
            <td>{formTime(slip.signForDueAt)}</td>
            <th>{t('matter.form.resolutionDeadline')}</th>
            <td>{formTime(resolution?.dueAt)}</td>
          </tr>
        </tbody>
      </table>
      <div className="ht-box" data-testid="form-sign-for">
        <div className="ht-box-title">{t('matter.form.signFor')}</div>
        <div style={{ marginTop: '6mm' }}>
          {t('matter.form.signForBy')}
          <Blank>{accepted?.actorName}</Blank>
          {t('matter.form.signForAt')}
          <Blank>{formTime(slip.acceptedAt)}</Blank>
        </div>
        <span className="ht-seal">{t('matter.form.seal')}</span>
      </div>
      <div className="ht-box" style={{ minHeight: '52mm' }} data-testid="form-return">
        <div className="ht-box-title">{t('matter.form.returnBox')}</div>
        <div style={{ minHeight: '24mm', whiteSpace: 'pre-wrap' }}>{report?.note ?? ''}</div>
        <div style={{ marginTop: '4mm' }}>
          {t('matter.form.returnBy')}
          <Blank>{report?.actorName}</Blank>
          {t('matter.form.date')}
          <Blank>{formTime(report?.createdAt)}</Blank>
        </div>
        <span className="ht-seal">{t('matter.form.seal')}</span>
      </div>
    </>
  );
}
