import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FINAL_STATUSES,
  MATTER_ACTIONS,
  MATTER_STATUSES,
  MAX_RETURNS,
  TRANSITIONS,
  actionsFrom,
  applyMatterEvent,
  checkTransition,
  initialSnapshot,
  replayMatter,
  type MatterAction,
  type MatterEventInput,
  type MatterSnapshot,
  type MatterStatus,
} from './workflow.ts';

/** An event for `action` carrying whatever data its guard asks for. */
function wellFormed(action: MatterAction): MatterEventInput {
  const data = {
    dispatch: { handlerOrgId: '7' },
    request_extension: { extensionMinutes: 390 },
    rate: { satisfaction: 'satisfied' as const },
    supervise: { colour: 'yellow' as const },
  } as const;
  return { action, note: '说明', data: (data as Partial<Record<MatterAction, MatterEventInput['data']>>)[action] ?? {} };
}

/** A matter in `status` whose guards all pass. */
function inStatus(status: MatterStatus, over: Partial<MatterSnapshot> = {}): MatterSnapshot {
  return {
    ...initialSnapshot('building'),
    status,
    pendingExtensionMinutes: null,
    ...over,
  };
}

describe('MAT-2 MAT-3 MAT-5 MAT-7 the matter workflow table', () => {
  it('every status × action pair: allowed exactly when the table lists it, refused with illegal_transition otherwise', () => {
    let pairs = 0;
    for (const status of MATTER_STATUSES) {
      for (const action of MATTER_ACTIONS) {
        pairs += 1;
        const listed = TRANSITIONS[action].from.includes(status);
        // Guards that depend on more than the status are satisfied here, so only the table decides.
        const matter = inStatus(status, {
          pendingExtensionMinutes: action === 'approve_extension' || action === 'refuse_extension' ? 390 : null,
          satisfaction: action === 'reopen' ? 'dissatisfied' : null,
        });
        const result = checkTransition(matter, wellFormed(action));
        if (listed) {
          expect(result, `${status} × ${action}`).toEqual({ ok: true, to: TRANSITIONS[action].to ?? status });
        } else {
          expect(result, `${status} × ${action}`).toEqual({ ok: false, problem: 'illegal_transition' });
        }
      }
    }
    expect(pairs).toBe(MATTER_STATUSES.length * MATTER_ACTIONS.length);
  });

  it('final statuses have no way out', () => {
    for (const status of FINAL_STATUSES) expect(actionsFrom(status)).toEqual([]);
  });

  it('every non-final status can reach 办结 or 撤回 (no dead ends)', () => {
    const reach = new Set<MatterStatus>(FINAL_STATUSES);
    let grew = true;
    while (grew) {
      grew = false;
      for (const action of MATTER_ACTIONS) {
        const { from, to } = TRANSITIONS[action];
        if (to === null || !reach.has(to)) continue;
        for (const s of from) {
          if (reach.has(s)) continue;
          reach.add(s);
          grew = true;
        }
      }
    }
    expect([...reach].sort()).toEqual([...MATTER_STATUSES].sort());
  });

  it('only collect creates a matter', () => {
    for (const action of MATTER_ACTIONS) {
      expect(checkTransition(null, wellFormed(action)).ok, action).toBe(action === 'collect');
    }
  });

  it('MAT-3 a return needs a reason and is capped so a matter cannot bounce for ever', () => {
    const dispatched = inStatus('dispatched', { handlerOrgId: '7' });
    expect(checkTransition(dispatched, { action: 'return', note: '  ' })).toEqual({ ok: false, problem: 'note_required' });
    let m: MatterSnapshot = dispatched;
    for (let i = 0; i < MAX_RETURNS; i += 1) {
      m = applyMatterEvent(m, { action: 'return', note: '不属于本部门职责' });
      expect(m.status).toBe('registered');
      expect(m.handlerOrgId).toBeNull();
      m = applyMatterEvent(m, wellFormed('dispatch'));
    }
    expect(m.returnCount).toBe(MAX_RETURNS);
    expect(checkTransition(m, { action: 'return', note: '又退回' })).toEqual({ ok: false, problem: 'return_cap_reached' });
    // Still answerable: the handler signs for it or the coordinator escalates.
    expect(checkTransition(m, { action: 'accept' }).ok).toBe(true);
    expect(checkTransition(m, { action: 'escalate', note: '部门间难以协调' }).ok).toBe(true);
  });

  it('MAT-3 escalation goes one level at a time, building → street → district → city, and stops at the city', () => {
    let m = inStatus('registered');
    const levels: string[] = [m.level];
    for (let i = 0; i < 3; i += 1) {
      m = applyMatterEvent(m, { action: 'escalate', note: '本级无法解决' });
      levels.push(m.level);
    }
    expect(levels).toEqual(['building', 'street', 'district', 'city']);
    expect(m.escalationCount).toBe(3);
    expect(checkTransition(m, { action: 'escalate', note: '再上报' })).toEqual({ ok: false, problem: 'top_level' });
  });

  it('MAT-3 一线处置 only at the building level', () => {
    expect(checkTransition(inStatus('registered'), { action: 'resolve_on_site', note: '现场协调解决' })).toEqual({
      ok: true,
      to: 'reported_back',
    });
    expect(checkTransition(inStatus('registered', { level: 'street' }), { action: 'resolve_on_site', note: 'x' })).toEqual({
      ok: false,
      problem: 'not_building_level',
    });
  });

  it('MAT-5 one extension request at a time, answered by approve or refuse', () => {
    let m = inStatus('accepted');
    m = applyMatterEvent(m, { action: 'request_extension', note: '需要现场勘查', data: { extensionMinutes: 780 } });
    expect(m.pendingExtensionMinutes).toBe(780);
    expect(checkTransition(m, { action: 'request_extension', note: 'again', data: { extensionMinutes: 60 } })).toEqual({
      ok: false,
      problem: 'extension_pending',
    });
    m = applyMatterEvent(m, { action: 'approve_extension' });
    expect(m.pendingExtensionMinutes).toBeNull();
    expect(checkTransition(m, { action: 'refuse_extension', note: 'x' })).toEqual({ ok: false, problem: 'no_extension_pending' });
  });

  it('MAT-7 a rating is given once; only a dissatisfied one reopens', () => {
    const replied = inStatus('replied');
    const satisfied = applyMatterEvent(replied, { action: 'rate', data: { satisfaction: 'satisfied' } });
    expect(checkTransition(satisfied, { action: 'reopen', note: '不满意' })).toEqual({ ok: false, problem: 'not_dissatisfied' });
    expect(checkTransition(satisfied, { action: 'rate', data: { satisfaction: 'dissatisfied' } })).toEqual({
      ok: false,
      problem: 'already_rated',
    });
    const unhappy = applyMatterEvent(replied, { action: 'rate', data: { satisfaction: 'dissatisfied' } });
    const reopened = applyMatterEvent(unhappy, { action: 'reopen', note: '企业不满意，重办' });
    expect(reopened).toMatchObject({ status: 'registered', reopenCount: 1, satisfaction: null });
  });

  it('MAT-5 red supervision is not softened by a later yellow', () => {
    let m = applyMatterEvent(inStatus('accepted'), { action: 'supervise', note: '超时', data: { colour: 'red' } });
    m = applyMatterEvent(m, { action: 'supervise', note: '临期', data: { colour: 'yellow' } });
    expect(m.supervision).toBe('red');
  });

  it('MAT-8 a whole life replays from its events into the same matter', () => {
    const events: MatterEventInput[] = [
      { action: 'collect' },
      { action: 'register' },
      wellFormed('dispatch'),
      { action: 'return', note: '派错部门' },
      { action: 'escalate', note: '需街道协调' },
      wellFormed('dispatch'),
      { action: 'accept' },
      { action: 'request_info', note: '请补充租赁合同' },
      { action: 'provide_info', note: '已上传' },
      { action: 'report_back', note: '已协调解决' },
      { action: 'reply', note: '已电话告知企业' },
      { action: 'rate', data: { satisfaction: 'dissatisfied' } },
      { action: 'reopen', note: '企业不满意' },
      wellFormed('dispatch'),
      { action: 'accept' },
      { action: 'report_back', note: '再次办理完成' },
      { action: 'reply', note: '答复' },
      { action: 'rate', data: { satisfaction: 'satisfied' } },
      { action: 'close' },
    ];
    const matter = replayMatter(events);
    expect(matter).toMatchObject({
      status: 'closed',
      level: 'street',
      returnCount: 1,
      reopenCount: 1,
      escalationCount: 1,
      satisfaction: 'satisfied',
    });
  });

  it('MAT-8 property: random event streams never reach a status outside the table, and replay equals step-by-step', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...MATTER_ACTIONS), { maxLength: 60 }),
        fc.array(fc.constantFrom('satisfied', 'dissatisfied'), { minLength: 60, maxLength: 60 }),
        (actions, ratings) => {
          let m: MatterSnapshot | null = null;
          const taken: MatterEventInput[] = [];
          actions.forEach((action, i) => {
            const event = wellFormed(action);
            if (action === 'rate') event.data = { satisfaction: ratings[i] as 'satisfied' | 'dissatisfied' };
            const check = checkTransition(m, event);
            if (!check.ok) return;
            m = applyMatterEvent(m, event);
            taken.push(event);
            expect(MATTER_STATUSES).toContain(m.status);
            expect(m.status).toBe(check.to);
          });
          expect(replayMatter(taken)).toEqual(m);
        },
      ),
      { numRuns: 300 },
    );
  });
});
