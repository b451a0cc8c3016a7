import { z } from 'zod';
import { CHECKLIST_ITEMS, VISIT_TOPIC_KEYS, type ChecklistItem, type VisitTopic } from '../../../domain/villages/index.ts';
import { DISPUTE_TYPES, MEDIATION_OUTCOMES, UPKEEP_KINDS } from '../../db/schema-grids.ts';
import { dateSchema, idSchema, pageQuery, regionCodeSchema, text } from '../../http/schemas.ts';
import { villageCodeSchema } from '../grids/schemas.ts';

/** GRD-2 field records. Each carries the uuid the phone made for it (clientId), so a retried sync stores it once. */
const clientId = z.uuid();
const notes = z.string().trim().max(2000).nullable().optional();

export const visitInput = z.object({
  clientId,
  householdId: idSchema,
  visitedOn: dateSchema,
  topics: z
    .array(z.enum(VISIT_TOPIC_KEYS as [VisitTopic, ...VisitTopic[]]))
    .min(1)
    .max(VISIT_TOPIC_KEYS.length),
  notes,
  /** Staff recording a member's visit: whose it was (default: the household's member). */
  memberId: idSchema.nullable().optional(),
});
export type VisitInput = z.infer<typeof visitInput>;

export const upkeepInput = z.object({
  clientId,
  kind: z.enum(UPKEEP_KINDS),
  villageCode: villageCodeSchema.nullable().optional(),
  gridId: idSchema.nullable().optional(),
  doneOn: dateSchema,
  subject: text(100),
  notes,
  memberId: idSchema.nullable().optional(),
});
export type UpkeepInput = z.infer<typeof upkeepInput>;

const checklistEntry = z.object({
  item: z.string(),
  passed: z.boolean(),
  note: z.string().trim().max(300).nullable().optional(),
});
export const inspectionInput = z
  .object({
    clientId,
    householdId: idSchema.nullable().optional(),
    place: z.string().trim().max(100).nullable().optional(),
    villageCode: villageCodeSchema.nullable().optional(),
    inspectedOn: dateSchema,
    checklist: z.array(checklistEntry).min(1).max(CHECKLIST_ITEMS.length),
    /** Rectification deadline of the hazards found (default: a week after the inspection). */
    deadline: dateSchema.nullable().optional(),
    notes,
    memberId: idSchema.nullable().optional(),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.checklist.forEach((c, i) => {
      if (!CHECKLIST_ITEMS.includes(c.item as ChecklistItem))
        ctx.addIssue({ code: 'custom', message: 'field.checklist_item_unknown', path: ['checklist', i, 'item'] });
      else if (seen.has(c.item)) ctx.addIssue({ code: 'custom', message: 'field.checklist_duplicate', path: ['checklist', i, 'item'] });
      seen.add(c.item);
    });
    if (!v.householdId && !v.place) ctx.addIssue({ code: 'custom', message: 'field.inspection_place', path: ['place'] });
    if (v.deadline && v.deadline < v.inspectedOn) ctx.addIssue({ code: 'custom', message: 'field.deadline_order', path: ['deadline'] });
  });
export type InspectionInput = z.infer<typeof inspectionInput>;

export const mediationInput = z
  .object({
    clientId,
    householdId: idSchema.nullable().optional(),
    villageCode: villageCodeSchema.nullable().optional(),
    disputeType: z.enum(DISPUTE_TYPES),
    parties: z
      .array(z.object({ name: text(30), role: z.string().trim().max(30).nullable().optional() }))
      .min(2, 'field.parties_min')
      .max(20),
    summary: text(2000),
    mediatedOn: dateSchema,
    outcome: z.enum(MEDIATION_OUTCOMES),
    agreement: z.string().trim().max(2000).nullable().optional(),
    followUpOn: dateSchema.nullable().optional(),
    memberId: idSchema.nullable().optional(),
  })
  .refine((m) => !m.followUpOn || m.followUpOn >= m.mediatedOn, { message: 'field.follow_up_order', path: ['followUpOn'] });
export type MediationInput = z.infer<typeof mediationInput>;

export const recheckInput = z
  .object({
    checkedOn: dateSchema,
    passed: z.boolean(),
    note: z.string().trim().max(500).nullable().optional(),
    newDeadline: dateSchema.nullable().optional(),
  })
  .refine((r) => r.passed || !!r.newDeadline, { message: 'field.new_deadline_required', path: ['newDeadline'] })
  .refine((r) => !r.newDeadline || r.newDeadline >= r.checkedOn, { message: 'field.deadline_order', path: ['newDeadline'] });
export type RecheckInput = z.infer<typeof recheckInput>;

export const followUpInput = z.object({ note: text(1000) });

export const RAISABLE = ['visit', 'upkeep', 'hazard', 'mediation'] as const;
export type RaisableKind = (typeof RAISABLE)[number];
export const raiseParams = z.object({ kind: z.enum(RAISABLE), id: idSchema });
export const raiseInput = z.object({
  categoryId: idSchema.optional(),
  description: z.string().trim().max(2000).optional(),
  urgent: z.boolean().optional(),
});
export type RaiseInput = z.infer<typeof raiseInput>;
export const raiseResultSchema = z.object({ matterId: z.string(), matterCode: z.string(), created: z.boolean() });

export const SYNC_KINDS = ['visit', 'upkeep', 'inspection', 'mediation'] as const;
export type SyncKind = (typeof SYNC_KINDS)[number];
/** The queue's records: only kind and clientId are read here; each is validated by its kind, apart. */
export const syncInput = z.object({
  records: z
    .array(z.object({ kind: z.string(), clientId: z.string() }).loose())
    .min(1)
    .max(200),
});
export const syncResultSchema = z.object({
  results: z.array(
    z.object({
      clientId: z.string(),
      kind: z.string(),
      status: z.enum(['created', 'exists', 'error']),
      id: z.string().nullable(),
      error: z
        .object({ code: z.string(), message: z.string(), fields: z.array(z.object({ path: z.string(), message: z.string() })) })
        .nullable(),
    }),
  ),
});

export const recordQuery = z.object({
  regionCode: regionCodeSchema.optional(),
  memberId: idSchema.optional(),
  householdId: idSchema.optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  ...pageQuery,
});
export const hazardQuery = recordQuery.extend({ status: z.enum(['open', 'fixed', 'overdue']).optional() });

export const createdSchema = z.object({ id: z.string(), created: z.boolean() });

export const visitSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  householdId: z.string(),
  address: z.string().nullable(),
  villageCode: z.string(),
  memberId: z.string().nullable(),
  memberName: z.string().nullable(),
  visitedOn: z.string(),
  topics: z.array(z.string()),
  notes: z.string().nullable(),
  matterId: z.string().nullable(),
});
export const upkeepSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  kind: z.enum(UPKEEP_KINDS),
  villageCode: z.string(),
  gridId: z.string().nullable(),
  memberId: z.string().nullable(),
  memberName: z.string().nullable(),
  doneOn: z.string(),
  subject: z.string(),
  notes: z.string().nullable(),
  matterId: z.string().nullable(),
});
export const hazardSchema = z.object({
  id: z.string(),
  inspectionId: z.string(),
  item: z.string(),
  itemLabel: z.string(),
  householdId: z.string().nullable(),
  address: z.string().nullable(),
  villageCode: z.string(),
  memberId: z.string().nullable(),
  memberName: z.string().nullable(),
  description: z.string(),
  foundOn: z.string(),
  deadline: z.string(),
  status: z.enum(['open', 'fixed']),
  overdue: z.boolean(),
  rechecks: z.array(z.object({ on: z.string(), passed: z.boolean(), note: z.string().nullable(), deadlineBefore: z.string() })),
  fixedOn: z.string().nullable(),
  matterId: z.string().nullable(),
  matterCode: z.string().nullable(),
});
export const inspectionSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  householdId: z.string().nullable(),
  address: z.string().nullable(),
  place: z.string().nullable(),
  villageCode: z.string(),
  memberId: z.string().nullable(),
  memberName: z.string().nullable(),
  inspectedOn: z.string(),
  checklist: z.array(z.object({ item: z.string(), label: z.string(), passed: z.boolean(), note: z.string().nullable() })),
  notes: z.string().nullable(),
  hazards: z.array(hazardSchema),
});
export const mediationSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  householdId: z.string().nullable(),
  villageCode: z.string(),
  memberId: z.string().nullable(),
  memberName: z.string().nullable(),
  disputeType: z.enum(DISPUTE_TYPES),
  parties: z.array(z.object({ name: z.string(), role: z.string().nullable() })),
  personalDataMasked: z.boolean(),
  summary: z.string(),
  mediatedOn: z.string(),
  outcome: z.enum(MEDIATION_OUTCOMES),
  agreement: z.string().nullable(),
  followUpOn: z.string().nullable(),
  followedUpAt: z.string().nullable(),
  followUpNote: z.string().nullable(),
  matterId: z.string().nullable(),
});
