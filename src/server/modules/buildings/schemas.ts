import { z } from 'zod';
import { isIndustryCode } from '../../../domain/registry/industry.ts';
import { DEMO_STATUSES, LIAISON_ROLES, MANAGEMENT_MODES, OWNERSHIPS, PARTY_ORG_STATUSES } from '../../db/schema.ts';
import { dateSchema, idSchema, pageQuery, regionCodeSchema, text } from '../../http/schemas.ts';

// Areas in square metres; the database keeps two decimals.
const area = z.number().positive().max(10_000_000);
const optionalId = idSchema.nullable().optional();

export const buildingInput = z.object({
  name: text(100),
  address: text(200),
  regionCode: regionCodeSchema,
  lng: z.number().min(73).max(136).nullable().optional(),
  lat: z.number().min(3).max(54).nullable().optional(),
  floorsAbove: z.number().int().min(1).max(200).nullable().optional(),
  floorsBelow: z.number().int().min(0).max(20).nullable().optional(),
  grossArea: area.nullable().optional(),
  officeArea: area,
  ownership: z.enum(OWNERSHIPS),
  managementMode: z.enum(MANAGEMENT_MODES),
  propertyCompanyId: optionalId,
  propertyOwnerId: optionalId,
  /** 楼宇两委: existing committees, or new ones are set up with the building. */
  partyCommitteeId: optionalId,
  managementCommitteeId: optionalId,
  /** Where new committees sit in the organisation tree (e.g. the street's party working committee). */
  parentOrganisationId: optionalId,
  comprehensivePartyOrgId: optionalId,
  positioning: z.string().trim().max(50).nullable().optional(),
  industryFocus: z.array(z.string().trim().toUpperCase().refine(isIndustryCode, 'field.industry_unknown')).max(10).optional(),
  demoStatus: z.enum(DEMO_STATUSES).optional(),
  askingRent: z.number().min(0).max(100_000).nullable().optional(),
  completedYear: z.number().int().min(1900).max(2100).nullable().optional(),
});
export type BuildingInput = z.infer<typeof buildingInput>;

export const buildingPatch = buildingInput.omit({ parentOrganisationId: true }).partial().extend({
  /** Optimistic concurrency: the updatedAt the client last saw. */
  expectedUpdatedAt: z.iso.datetime().optional(),
});
export type BuildingPatch = z.infer<typeof buildingPatch>;

export const buildingQuery = z.object({
  regionCode: regionCodeSchema.optional(),
  positioning: z.string().trim().max(50).optional(),
  demoStatus: z.enum(DEMO_STATUSES).optional(),
  q: z.string().trim().max(50).optional(),
  /** REG-3 REG-8 occupancy filters, as of today: vacancy rate bounds (0–1, inclusive) and the least vacant area in m². */
  vacancyRateMin: z.coerce.number().min(0).max(1).optional(),
  vacancyRateMax: z.coerce.number().min(0).max(1).optional(),
  vacantAreaMin: z.coerce.number().min(0).max(10_000_000).optional(),
  ...pageQuery,
});
export type BuildingQuery = z.infer<typeof buildingQuery>;

export const unitsInput = z.object({
  units: z
    .array(z.object({ floor: z.number().int().min(-20).max(200), unitNo: text(20), area }))
    .min(1)
    .max(500),
});
export type UnitsInput = z.infer<typeof unitsInput>;

export const occupancySchema = z.object({
  leasedArea: z.number(),
  vacantArea: z.number(),
  occupancyRate: z.number(),
  vacancyRate: z.number(),
});

const ref = z.object({ id: z.string(), name: z.string() }).nullable();

export const buildingSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  floorsAbove: z.number().nullable(),
  floorsBelow: z.number().nullable(),
  grossArea: z.number().nullable(),
  officeArea: z.number(),
  ownership: z.enum(OWNERSHIPS),
  managementMode: z.enum(MANAGEMENT_MODES),
  propertyCompany: ref,
  propertyOwner: ref,
  partyCommittee: ref,
  managementCommittee: ref,
  comprehensivePartyOrg: ref,
  positioning: z.string().nullable(),
  industryFocus: z.array(z.string()),
  demoStatus: z.enum(DEMO_STATUSES),
  askingRent: z.number().nullable(),
  completedYear: z.number().nullable(),
  occupancy: occupancySchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const unitSchema = z.object({ id: z.string(), floor: z.number(), unitNo: z.string(), area: z.number() });

export const buildingCoverageSchema = z.object({
  mode: z.enum(['property_owner', 'property_company', 'none']),
  anchored: z.boolean(),
  enterprises: z.number().int(),
  coveredEnterprises: z.number().int(),
  enterpriseRate: z.number().nullable(),
  byStatus: z.object({ own: z.number().int(), joint: z.number().int(), instructor: z.number().int(), none: z.number().int() }),
});

export const buildingDetailSchema = buildingSchema.extend({
  units: z.array(unitSchema),
  coverage: buildingCoverageSchema,
});

export const liaisonSlotSchema = z.object({
  role: z.enum(LIAISON_ROLES),
  holder: z
    .object({
      assignmentId: z.string(),
      personId: z.string(),
      personName: z.string(),
      organisationId: z.string().nullable(),
      organisationName: z.string().nullable(),
      startedOn: z.string(),
    })
    .nullable(),
});

const memberSchema = z.object({
  postId: z.string(),
  personId: z.string(),
  personName: z.string(),
  title: z.string(),
  startedOn: z.string().nullable(),
});
const committeeSchema = z.object({ id: z.string(), name: z.string(), members: z.array(memberSchema) }).nullable();

export const committeesSchema = z.object({
  partyCommittee: committeeSchema,
  managementCommittee: committeeSchema,
  /** 双向进入、交叉任职: people holding posts in both committees. */
  crossAppointed: z.array(
    z.object({ personId: z.string(), personName: z.string(), partyTitles: z.array(z.string()), managementTitles: z.array(z.string()) }),
  ),
});

export const tenantSchema = z.object({
  leaseId: z.string(),
  enterpriseId: z.string(),
  name: z.string(),
  creditCode: z.string(),
  industryCode: z.string().nullable(),
  isKeyEnterprise: z.boolean(),
  coverage: z.enum(PARTY_ORG_STATUSES),
  units: z.string(),
  area: z.number(),
  startOn: z.string(),
  endOn: z.string(),
});

export const warningSchema = z.object({
  kind: z.enum(['expiring', 'overdue', 'moved_out']),
  leaseId: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  /** The end date (expiring, overdue) or the move-out date. */
  date: z.string(),
  /** Days from today to `date`; negative when it lies in the past. */
  days: z.number().int(),
  area: z.number(),
});

export const pageQuerySchema = z.object({ warningDays: z.coerce.number().int().min(1).max(365).default(90) });

export const buildingPageSchema = z.object({
  building: buildingDetailSchema,
  today: z.string(),
  timeline: z.array(occupancySchema.extend({ month: z.string(), on: z.string() })),
  enterprises: z.array(tenantSchema),
  liaisons: z.array(liaisonSlotSchema),
  committees: committeesSchema,
  warnings: z.array(warningSchema),
});

export const occupancyQuery = z.object({ on: dateSchema.optional() });
export const occupancyResponse = occupancySchema.extend({
  buildingId: z.string(),
  on: z.string(),
  officeArea: z.number(),
  leases: z.array(z.object({ leaseId: z.string(), enterpriseId: z.string(), enterpriseName: z.string(), area: z.number() })),
});

export const liaisonParams = z.object({ id: idSchema, role: z.enum(LIAISON_ROLES) });
export const liaisonInput = z.object({ personId: idSchema, startedOn: dateSchema.optional() });
export type LiaisonInput = z.infer<typeof liaisonInput>;

export const vacanciesQuery = z.object({
  regionCode: regionCodeSchema.optional(),
  role: z.enum(LIAISON_ROLES).optional(),
  vacantOnly: z.enum(['true', 'false']).optional(),
  ...pageQuery,
});
export type VacanciesQuery = z.infer<typeof vacanciesQuery>;

export const vacanciesResponse = z.object({
  items: z.array(
    z.object({
      buildingId: z.string(),
      buildingName: z.string(),
      regionCode: z.string(),
      regionName: z.string().nullable(),
      vacant: z.number().int(),
      slots: z.array(liaisonSlotSchema),
    }),
  ),
  total: z.number().int(),
  /** Over every building that matches, not only this page. */
  vacantByRole: z.record(z.enum(LIAISON_ROLES), z.number().int()),
});

export const coverageQuery = z.object({ regionCode: regionCodeSchema.optional() });
const coverageRow = z.object({
  buildings: z.number().int(),
  coveredBuildings: z.number().int(),
  buildingRate: z.number().nullable(),
  enterprises: z.number().int(),
  coveredEnterprises: z.number().int(),
  enterpriseRate: z.number().nullable(),
  byStatus: z.object({ own: z.number().int(), joint: z.number().int(), instructor: z.number().int(), none: z.number().int() }),
});
export const coverageResponse = z.object({
  region: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  today: z.string(),
  totals: coverageRow,
  children: z.array(coverageRow.extend({ code: z.string(), name: z.string(), level: z.string() })),
});
