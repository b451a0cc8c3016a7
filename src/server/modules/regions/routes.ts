import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ancestorCodes } from '../../../domain/regions.ts';
import type { Region } from '../../db/schema.ts';
import { notFound } from '../../http/errors.ts';
import { requireActor } from '../../http/context.ts';
import { regionCodeSchema } from '../../http/schemas.ts';
import { findRegion, listAncestors, listChildren, listRoots, searchRegions, type RegionSummaryRow } from './queries.ts';

const regionSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'city', 'county', 'township', 'village']),
  parentCode: z.string().nullable(),
});
const regionSummarySchema = regionSchema.extend({
  childCount: z.number().int(),
  organisationCount: z.number().int(),
  personCount: z.number().int(),
  userCount: z.number().int(),
});

const presentRegion = (r: Region) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code });
const presentSummary = (r: RegionSummaryRow) => ({
  ...presentRegion(r),
  childCount: Number(r.child_count),
  organisationCount: Number(r.organisation_count),
  personCount: Number(r.person_count),
  userCount: Number(r.user_count),
});

export const regionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;

  app.get(
    '/regions',
    {
      schema: {
        tags: ['regions'],
        summary: '行政区划：根节点或按名称搜索 Region roots or search (ORG-1)',
        querystring: z.object({ q: z.string().trim().max(40).optional() }),
        response: { 200: z.object({ items: z.array(regionSummarySchema) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const rows = request.query.q ? await searchRegions(kysely, actor, request.query.q, 30) : await listRoots(kysely, actor);
      return { items: rows.map(presentSummary) };
    },
  );

  app.get(
    '/regions/:code',
    {
      schema: {
        tags: ['regions'],
        summary: '行政区划详情及下级 Region with ancestors and children (ORG-1)',
        params: z.object({ code: regionCodeSchema }),
        response: {
          200: z.object({ region: regionSummarySchema, ancestors: z.array(regionSchema), children: z.array(regionSummarySchema) }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const region = await findRegion(kysely, actor, request.params.code);
      if (!region) throw notFound();
      const [ancestors, children] = await Promise.all([
        listAncestors(kysely, ancestorCodes(region.code)),
        listChildren(kysely, actor, region.code),
      ]);
      return { region: presentSummary(region), ancestors: ancestors.map(presentRegion), children: children.map(presentSummary) };
    },
  );
};
