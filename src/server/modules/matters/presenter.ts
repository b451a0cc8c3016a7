import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { WorkCalendar } from '../../../domain/calendar/work-calendar.ts';
import { CLOCK_KINDS, clockStatus, isBreached } from '../../../domain/matters/clock.ts';
import {
  actionsFrom,
  checkTransition,
  type MatterAction,
  type MatterEventInput,
  type MatterStatus,
} from '../../../domain/matters/workflow.ts';
import type { Actor } from '../../auth/actor.ts';
import type { MatterCategoryTable, MatterEventTable } from '../../db/schema.ts';
import { stepsFor } from './policy.ts';
import type { MatterListRow } from './queries.ts';
import type { categorySchema, eventSchema, matterSummarySchema } from './schemas.ts';
import { clocksOf, snapshotOf } from './state.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const named = (id: string | null, name: string | null) => (id && name ? { id, name } : null);

/** MAT-5 every clock as a countdown: what is left in working minutes and its colour, for handler, building and enterprise alike. */
export function presentClocks(row: MatterListRow, calendar: WorkCalendar, now: Date) {
  const clocks = clocksOf(row);
  return CLOCK_KINDS.flatMap((kind) => {
    const clock = clocks[kind];
    if (!clock) return [];
    const status = clockStatus({ calendar, clock, now });
    return [
      {
        kind,
        startedAt: clock.startedAt.toISOString(),
        dueAt: clock.dueAt.toISOString(),
        limitMinutes: clock.limitMinutes,
        remainingMinutes: status.remainingMinutes,
        colour: status.colour,
        pausedAt: iso(clock.pausedAt),
        stoppedAt: iso(clock.stoppedAt),
        late: isBreached({ clock, now }),
      },
    ];
  });
}

export function presentMatterSummary(row: MatterListRow, calendar: WorkCalendar, now: Date): z.infer<typeof matterSummarySchema> {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    category: { id: row.category_id, name: row.category_name, kind: row.category_kind },
    source: row.source,
    priority: row.priority,
    status: row.status as MatterStatus,
    level: row.level,
    enterprise: named(row.enterprise_id, row.enterprise_name),
    building: named(row.building_id, row.building_name),
    handler: named(row.handler_org_id, row.handler_name),
    regionCode: row.region_code,
    supervision: row.supervision,
    pendingExtensionMinutes: row.pending_extension_minutes,
    satisfaction: row.satisfaction,
    returnCount: row.return_count,
    reopenCount: row.reopen_count,
    escalationCount: row.escalation_count,
    clocks: presentClocks(row, calendar, now),
    version: row.version,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    closedAt: iso(row.closed_at),
  };
}

export function presentEvent(e: Selectable<MatterEventTable>): z.infer<typeof eventSchema> {
  return {
    seq: e.seq,
    action: e.action as MatterAction,
    fromStatus: e.from_status as MatterStatus | null,
    toStatus: e.to_status as MatterStatus,
    level: e.level as z.infer<typeof eventSchema>['level'],
    actorName: e.actor_name,
    note: e.note,
    data: (e.data ?? {}) as Record<string, unknown>,
    createdAt: iso(e.created_at)!,
  };
}

export function presentSlip(s: {
  code: string;
  level: string;
  handler_org_id: string;
  handler_name: string;
  instructions: string | null;
  dispatcher_name: string | null;
  dispatched_at: Date;
  sign_for_due_at: Date | null;
  accepted_at: Date | null;
  returned_at: Date | null;
  return_reason: string | null;
}) {
  return {
    code: s.code,
    level: s.level as 'building' | 'street' | 'district' | 'city',
    handler: { id: s.handler_org_id, name: s.handler_name },
    instructions: s.instructions,
    dispatchedBy: s.dispatcher_name,
    dispatchedAt: iso(s.dispatched_at)!,
    signForDueAt: iso(s.sign_for_due_at),
    acceptedAt: iso(s.accepted_at),
    returnedAt: iso(s.returned_at),
    returnReason: s.return_reason,
  };
}

/** Data that satisfies a step's form, so only the status and the guards that are not about the form decide. */
const FORM_FILLED: MatterEventInput['data'] = { handlerOrgId: '1', extensionMinutes: 1, satisfaction: 'satisfied', colour: 'yellow' };

/** The steps this user may take now: their part in the matter, the table, and the guards (no 上报 from the city). */
export function stepsAvailable(actor: Actor, row: MatterListRow): MatterAction[] {
  const snapshot = snapshotOf(row);
  return stepsFor(actor, row, actionsFrom(row.status as MatterStatus)).filter((action) => {
    const check = checkTransition(snapshot, { action, note: '-', data: action === 'reopen' ? {} : FORM_FILLED });
    return check.ok || (action === 'reopen' && row.satisfaction === 'dissatisfied');
  });
}

export function presentCategory(c: Selectable<MatterCategoryTable>): z.infer<typeof categorySchema> {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    nameEn: c.name_en,
    kind: c.kind,
    departmentKind: c.department_kind,
    group: c.grp,
    description: c.description,
  };
}
