import type { MatterDetail, MatterEvent } from '../../../api/matters.ts';
import { useT } from '../../../app/i18n.ts';
import { useMatterLabels, type MatterLabels } from '../useMatterLabels.ts';

/** 'YYYY-MM-DD HH:mm' on China's clock: what a form written by hand would carry. */
export function formTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = new Date(iso).getTime();
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** 'MM-DD HH:mm' for the rows of the steps table; the year stands in the header. */
const stepTime = (iso: string) => formTime(iso).slice(5);

const lastOf = (events: readonly MatterEvent[], action: MatterEvent['action']) => events.findLast((e) => e.action === action);

function stepNote(e: MatterEvent, handlers: Map<string, string>, labels: MatterLabels, seeReply: string): string {
  // The answer has its own box below; printing it twice would only push the form onto a second page.
  if (e.action === 'reply') return seeReply;
  const bits: string[] = [];
  if (e.action === 'dispatch' && typeof e.data.handlerOrgId === 'string') bits.push(`→ ${handlers.get(e.data.handlerOrgId) ?? ''}`);
  if (e.action === 'rate' && typeof e.data.satisfaction === 'string') {
    const s = e.data.satisfaction;
    if (s === 'satisfied' || s === 'basically_satisfied' || s === 'dissatisfied') bits.push(labels.satisfaction(s));
  }
  if (e.note) bits.push(e.note);
  return bits.join(' ');
}

/** MAT-2 楼宇事项记录表: the matter as registered, every step with who and when, the answer, the rating, and signatures. */
export function RecordForm({ matter }: { matter: MatterDetail }) {
  const t = useT();
  const labels = useMatterLabels();
  const handlers = new Map(matter.slips.map((s) => [s.handler.id, s.handler.name]));
  const registered = lastOf(matter.events, 'register') ?? matter.events.find((e) => e.action === 'collect');
  const reply = lastOf(matter.events, 'reply');
  const rating = lastOf(matter.events, 'rate');
  const closed = lastOf(matter.events, 'close');

  return (
    <>
      <h1>{t('matter.form.record')}</h1>
      <div className="ht-sheet-meta">
        <span>{matter.building?.name ?? ''}</span>
        <span data-testid="form-code">{t('matter.form.no', { code: matter.code })}</span>
      </div>
      <table className="ht-form-table">
        <tbody>
          <tr>
            <th>{t('matter.field.createdAt')}</th>
            <td>{formTime(matter.createdAt)}</td>
            <th>{t('matter.form.registeredAt')}</th>
            <td>{formTime(registered?.createdAt)}</td>
          </tr>
          <tr>
            <th>{t('matter.field.enterprise')}</th>
            <td>{matter.enterprise?.name ?? ''}</td>
            <th>{t('matter.field.building')}</th>
            <td>{matter.building?.name ?? ''}</td>
          </tr>
          <tr>
            <th>{t('matter.field.category')}</th>
            <td>{matter.category.name}</td>
            <th>{t('matter.field.source')}</th>
            <td>
              {labels.source(matter.source)}
              {matter.priority !== 'normal' ? ` · ${labels.priority(matter.priority)}` : ''}
            </td>
          </tr>
          <tr>
            <th>{t('matter.field.contactName')}</th>
            <td>{matter.contactName ?? ''}</td>
            <th>{t('matter.field.contactPhone')}</th>
            <td>{matter.contactPhone ?? ''}</td>
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
            <th>{t('matter.form.steps')}</th>
            <td colSpan={3} style={{ padding: 0 }}>
              <table className="ht-form-table ht-steps" style={{ border: 'none' }} data-testid="form-steps">
                <colgroup>
                  <col style={{ width: '15%' }} />
                  <col style={{ width: '9%' }} />
                  <col style={{ width: '13%' }} />
                  <col style={{ width: '15%' }} />
                  <col />
                </colgroup>
                <thead>
                  <tr>
                    <th style={{ borderTop: 'none', borderLeft: 'none' }}>{t('matter.form.step')}</th>
                    <th style={{ borderTop: 'none' }}>{t('matter.col.level')}</th>
                    <th style={{ borderTop: 'none' }}>{t('matter.form.actor')}</th>
                    <th style={{ borderTop: 'none' }}>{t('matter.form.time')}</th>
                    <th style={{ borderTop: 'none', borderRight: 'none' }}>{t('matter.form.note')}</th>
                  </tr>
                </thead>
                <tbody>
                  {matter.events.map((e, i) => {
                    const last = i === matter.events.length - 1;
                    const edge = { borderLeft: 'none', ...(last ? { borderBottom: 'none' } : {}) };
                    return (
                      <tr key={e.seq}>
                        <td style={edge}>{labels.action(e.action)}</td>
                        <td style={last ? { borderBottom: 'none' } : undefined}>{labels.level(e.level)}</td>
                        <td style={last ? { borderBottom: 'none' } : undefined}>{e.actorName}</td>
                        <td style={last ? { borderBottom: 'none' } : undefined}>{stepTime(e.createdAt)}</td>
                        <td style={{ borderRight: 'none', ...(last ? { borderBottom: 'none' } : {}) }}>
                          {stepNote(e, handlers, labels, t('matter.form.seeReply'))}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </td>
          </tr>
          <tr>
            <th>{t('matter.form.reply')}</th>
            <td colSpan={3} style={{ height: '20mm' }}>
              {reply ? `${reply.note ?? ''}\n${reply.actorName}  ${formTime(reply.createdAt)}` : ''}
            </td>
          </tr>
          <tr>
            <th>{t('matter.form.rating')}</th>
            <td>{matter.satisfaction ? `${labels.satisfaction(matter.satisfaction)}  ${formTime(rating?.createdAt)}` : ''}</td>
            <th>{t('matter.form.closedAt')}</th>
            <td>{formTime(closed?.createdAt ?? matter.closedAt)}</td>
          </tr>
        </tbody>
      </table>
      <div className="ht-signatures">
        {(['matter.form.signRegistrar', 'matter.form.signLeader', 'matter.form.signEnterprise'] as const).map((key) => (
          <div key={key}>
            <div>{t(key)}</div>
            <div className="ht-signature-line" />
            <div style={{ marginTop: '2mm' }}>{t('matter.form.date')}</div>
          </div>
        ))}
      </div>
    </>
  );
}
