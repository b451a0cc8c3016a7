import { z } from 'zod';
import { isWholeFen } from '../../../domain/village-books/money.ts';
import { BUILDING_CONDITIONS, LISTING_LEVELS, PLAN_STATUSES, RESPONSIBILITY_LEVELS, VILLAGE_POST_KINDS } from '../../db/schema-villages.ts';
import { dateSchema, idSchema, regionCodeSchema, text } from '../../http/schemas.ts';

/** VIL-1 village profiles (一村一档) and what hangs off them. */
export const villageCodeSchema = z.string().regex(/^\d{12}$/, 'field.region_not_village');
export const villageParams = z.object({ code: villageCodeSchema });
export const villageItemParams = z.object({ code: villageCodeSchema, id: idSchema });
export const villageVersionParams = z.object({ code: villageCodeSchema, version: z.coerce.number().int().min(1).max(100_000) });
export const holderParams = z.object({ code: villageCodeSchema, id: idSchema, personId: idSchema });

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
/** Yuan with at most two decimals. */
export const moneySchema = z.number().min(0).max(1e12).refine(isWholeFen, 'field.money_cents');
export const positiveMoney = z.number().min(0.01).max(1e12).refine(isWholeFen, 'field.money_cents');
const year = z.number().int().min(1949).max(2200);

export const villageInput = z.object({
  regionCode: villageCodeSchema,
  partyOrgId: idSchema.nullable().optional(),
  isTraditional: z.boolean().optional(),
  listingLevel: z.enum(LISTING_LEVELS).nullable().optional(),
  listingBatch: z.number().int().min(1).max(99).nullable().optional(),
  listedOn: dateSchema.nullable().optional(),
  summary: z.string().trim().max(4000).optional(),
  households: z.number().int().min(0).max(1_000_000).nullable().optional(),
  population: z.number().int().min(0).max(10_000_000).nullable().optional(),
  fundsPublished: z.boolean().optional(),
});
export type VillageInput = z.infer<typeof villageInput>;
export const villagePatch = villageInput.omit({ regionCode: true }).partial();
export type VillagePatch = z.infer<typeof villagePatch>;

export const villageQuery = z.object({
  regionCode: regionCodeSchema.optional(),
  traditional: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(50).optional(),
});
export type VillageQuery = z.infer<typeof villageQuery>;

export const planInput = z
  .object({
    title: text(200),
    status: z.enum(PLAN_STATUSES),
    approvedOn: dateSchema.nullable().optional(),
    periodFrom: year.nullable().optional(),
    periodTo: year.nullable().optional(),
    documentName: optionalText(200),
    note: optionalText(2000),
  })
  .refine((p) => p.periodFrom == null || p.periodTo == null || p.periodTo >= p.periodFrom, {
    message: 'field.period_order',
    path: ['periodTo'],
  });
export type PlanInput = z.infer<typeof planInput>;
export const planPatch = z.object({
  status: z.enum(PLAN_STATUSES).optional(),
  approvedOn: dateSchema.nullable().optional(),
  documentName: optionalText(200),
  note: optionalText(2000),
});
export type PlanPatch = z.infer<typeof planPatch>;

export const traditionalBuildingInput = z.object({
  name: text(100),
  era: optionalText(50),
  kind: optionalText(50),
  address: optionalText(200),
  condition: z.enum(BUILDING_CONDITIONS),
  inspectedOn: dateSchema.nullable().optional(),
  note: optionalText(2000),
});
export type TraditionalBuildingInput = z.infer<typeof traditionalBuildingInput>;
export const traditionalBuildingPatch = traditionalBuildingInput.partial();
export type TraditionalBuildingPatch = z.infer<typeof traditionalBuildingPatch>;

export const repairInput = z.object({
  repairedOn: dateSchema,
  description: text(1000),
  cost: moneySchema.nullable().optional(),
  contractor: optionalText(200),
});
export type RepairInput = z.infer<typeof repairInput>;

export const villagePostInput = z.object({
  kind: z.enum(VILLAGE_POST_KINDS),
  name: text(100),
  duty: z.string().trim().max(1000).optional(),
  commitment: z.string().trim().max(1000).optional(),
});
export type VillagePostInput = z.infer<typeof villagePostInput>;

export const holderInput = z.object({ personId: idSchema, since: dateSchema });
export type HolderInput = z.infer<typeof holderInput>;
export const holderEnd = z.object({ until: dateSchema });

export const rulesInput = z.object({
  title: text(200),
  body: text(20_000),
  adoptedOn: dateSchema,
  adoptedBy: z.string().trim().max(100).optional(),
});
export type RulesInput = z.infer<typeof rulesInput>;

export const responsibilityInput = z
  .object({
    level: z.enum(RESPONSIBILITY_LEVELS),
    personId: idSchema.nullable().optional(),
    organisationId: idSchema.nullable().optional(),
    duty: z.string().trim().max(500).optional(),
    since: dateSchema.nullable().optional(),
  })
  .refine((r) => r.personId != null || r.organisationId != null, {
    message: 'field.responsibility_party_required',
    path: ['personId'],
  });
export type ResponsibilityInput = z.infer<typeof responsibilityInput>;

export const raiseMatterInput = z.object({
  categoryId: idSchema.optional(),
  description: text(4000),
  urgent: z.boolean().optional(),
  idempotencyKey: z.string().trim().max(100).optional(),
});
export type RaiseMatterInput = z.infer<typeof raiseMatterInput>;
export const raisedMatterSchema = z.object({ matterId: z.string(), created: z.boolean() });

const person = z.object({ id: z.string(), name: z.string() }).nullable();
export const villageSummarySchema = z.object({
  regionCode: z.string(),
  name: z.string(),
  townshipCode: z.string(),
  townshipName: z.string(),
  isTraditional: z.boolean(),
  listingLevel: z.enum(LISTING_LEVELS).nullable(),
  listingBatch: z.number().int().nullable(),
  listedOn: z.string().nullable(),
  households: z.number().int().nullable(),
  population: z.number().int().nullable(),
  fundsPublished: z.boolean(),
  buildings: z.number().int(),
  dangerousBuildings: z.number().int(),
  postCount: z.number().int(),
  rulesVersion: z.number().int().nullable(),
});
export const villageListSchema = z.object({ items: z.array(villageSummarySchema), total: z.number().int() });

export const villageDetailSchema = villageSummarySchema.extend({
  summary: z.string(),
  partyOrg: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** What the caller may do here: keep the record, designate the listing, read the books. */
  may: z.object({ write: z.boolean(), designate: z.boolean(), books: z.boolean() }),
  plans: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      status: z.enum(PLAN_STATUSES),
      approvedOn: z.string().nullable(),
      periodFrom: z.number().int().nullable(),
      periodTo: z.number().int().nullable(),
      documentName: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  traditionalBuildings: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      era: z.string().nullable(),
      kind: z.string().nullable(),
      address: z.string().nullable(),
      condition: z.enum(BUILDING_CONDITIONS),
      inspectedOn: z.string().nullable(),
      note: z.string().nullable(),
      matterId: z.string().nullable(),
      repairs: z.array(
        z.object({
          id: z.string(),
          repairedOn: z.string(),
          description: z.string(),
          cost: z.number().nullable(),
          contractor: z.string().nullable(),
        }),
      ),
    }),
  ),
  posts: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(VILLAGE_POST_KINDS),
      name: z.string(),
      duty: z.string(),
      commitment: z.string(),
      holders: z.array(z.object({ personId: z.string(), name: z.string(), since: z.string(), until: z.string().nullable() })),
    }),
  ),
  rules: z
    .object({ version: z.number().int(), title: z.string(), body: z.string(), adoptedOn: z.string(), adoptedBy: z.string() })
    .nullable(),
  rulesVersions: z.array(z.object({ version: z.number().int(), title: z.string(), adoptedOn: z.string(), isCurrent: z.boolean() })),
  chain: z.array(
    z.object({
      id: z.string(),
      level: z.enum(RESPONSIBILITY_LEVELS),
      person,
      organisation: z.object({ id: z.string(), name: z.string() }).nullable(),
      duty: z.string(),
      since: z.string().nullable(),
    }),
  ),
});
export type VillageDetail = z.infer<typeof villageDetailSchema>;

export const rulesVersionSchema = z.object({
  version: z.number().int(),
  title: z.string(),
  body: z.string(),
  adoptedOn: z.string(),
  adoptedBy: z.string(),
  isCurrent: z.boolean(),
  createdAt: z.string(),
});
export const rulesVersionListSchema = z.object({ items: z.array(rulesVersionSchema) });
