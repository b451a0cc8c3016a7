import { z } from 'zod';
import { regionCodeSchema } from '../../http/schemas.ts';

export const overviewQuery = z.object({ regionCode: regionCodeSchema.optional() });
export type OverviewQuery = z.infer<typeof overviewQuery>;

/** DSH-3 the article's registry figures, each computed from data within the caller's scope. */
export const overviewSchema = z.object({
  region: z.object({ code: z.string(), name: z.string(), level: z.string() }).nullable(),
  today: z.string(),
  buildings: z.number().int(),
  enterprises: z.number().int(),
  nonPublicEnterprises: z.number().int(),
  /** Active party-building instructors (党建工作指导员), SVC-1. */
  instructors: z.number().int(),
  /** "1,827 leaders for 3,182 enterprises": instructors serving at least one enterprise here, and the enterprises they serve. */
  instructorsServing: z.number().int(),
  instructedEnterprises: z.number().int(),
  /** Stationed cadres in post today (选派干部), SVC-2. */
  stationedCadres: z.number().int(),
  /** City-level demonstration belts with a building here or placed here (REG-7). */
  cityBelts: z.number().int(),
  /** Distinct buildings named (已命名) / still cultivated (培育中) in a belt. */
  namedDemoBuildings: z.number().int(),
  cultivatingDemoBuildings: z.number().int(),
  /** REG-3 leased office area today over office area. */
  officeArea: z.number(),
  leasedArea: z.number(),
  occupancyRate: z.number().nullable(),
  /** REG-4 buildings with a comprehensive party organisation, and enterprises leasing today that are covered. */
  buildingCoverageRate: z.number().nullable(),
  enterpriseCoverageRate: z.number().nullable(),
});
export type Overview = z.infer<typeof overviewSchema>;
