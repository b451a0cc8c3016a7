import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { daysBetween } from '../../../domain/villages/index.ts';
import { chinaDate } from '../../../domain/time.ts';
import type { Actor } from '../../auth/actor.ts';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema, notFound } from '../../http/errors.ts';
import { idParams, listOf } from '../../http/schemas.ts';
import { createHousehold, setHouseholdMember, updateHousehold } from './commands.ts';
import { mayReadResidents, presentHousehold, presentResident } from './presenter.ts';
import { findHousehold, listHouseholds, listResidents, notVisited, recentVisits } from './queries.ts';
import {
  householdDetailSchema,
  householdInput,
  householdMemberInput,
  householdPatch,
  householdQuery,
  householdSchema,
  notVisitedQuery,
  notVisitedSchema,
} from './schemas.ts';

const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

/** GRD-1 households with their residents; GRD-2 the "not visited for N days" list. */
export const householdRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely, secrets } = app.deps;

  async function detail(actor: Actor, id: string) {
    const row = await findHousehold(kysely, actor, id);
    if (!row) throw notFound();
    const reveal = mayReadResidents(actor, row);
    const [residents, visits] = await Promise.all([listResidents(kysely, id), recentVisits(kysely, actor, id)]);
    return {
      ...presentHousehold(row, actor, secrets),
      residentList: residents.map((r) => presentResident(r, reveal, secrets)),
      personalDataMasked: !reveal,
      visits: visits.map((v) => ({ id: v.id, visitedOn: v.visited_on, topics: v.topics, notes: v.notes, memberName: v.member_name })),
    };
  }

  app.get(
    '/households',
    {
      schema: {
        tags: ['households'],
        summary: '农户列表（党员：我的包户） Households with member, last visit and open hazards (GRD-1)',
        querystring: householdQuery,
        response: { 200: listOf(householdSchema), ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { rows, total } = await listHouseholds(kysely, actor, request.query);
      return { items: rows.map((r) => presentHousehold(r, actor, secrets)), total };
    },
  );

  app.get(
    '/households/not-visited',
    {
      schema: {
        tags: ['households'],
        summary: '超过 N 天未走访的农户，按党员 Households not visited for N days, per member (GRD-2)',
        querystring: notVisitedQuery,
        response: { 200: notVisitedSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const today = chinaDate();
      const rows = await notVisited(kysely, actor, { ...request.query, today });
      const groups = new Map<
        string,
        {
          memberId: string | null;
          memberName: string | null;
          households: { id: string; address: string; headName: string | null; lastVisitOn: string | null; daysSince: number | null }[];
        }
      >();
      for (const r of rows) {
        const key = r.member_person_id ?? '';
        let g = groups.get(key);
        if (!g) groups.set(key, (g = { memberId: r.member_person_id, memberName: r.member_name, households: [] }));
        g.households.push({
          id: r.id,
          address: r.address,
          headName: r.head_masked,
          lastVisitOn: r.last_visit_on,
          daysSince: r.last_visit_on ? daysBetween(r.last_visit_on, today) : null,
        });
      }
      return { days: request.query.days, since: today, members: [...groups.values()] };
    },
  );

  app.get(
    '/households/:id',
    {
      schema: {
        tags: ['households'],
        summary: '农户详情 Household with residents and recent visits (GRD-1)',
        params: idParams,
        response: { 200: householdDetailSchema, ...errors },
      },
    },
    async (request) => detail(requireActor(request), request.params.id),
  );

  app.post(
    '/households',
    {
      schema: {
        tags: ['households'],
        summary: '新建农户 Create a household with residents (GRD-1)',
        body: householdInput,
        response: { 201: householdDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const id = await createHousehold({ db: kysely, actor, secrets, input: request.body });
      return reply.status(201).send(await detail(actor, id));
    },
  );

  app.patch(
    '/households/:id',
    {
      schema: {
        tags: ['households'],
        summary: '修改农户 Update a household (GRD-1)',
        params: idParams,
        body: householdPatch,
        response: { 200: householdDetailSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await updateHousehold({ db: kysely, actor, secrets, id: request.params.id, patch: request.body });
      return detail(actor, request.params.id);
    },
  );

  app.put(
    '/households/:id/member',
    {
      schema: {
        tags: ['households'],
        summary: '指定包户党员（可固定） Assign a household to a member by hand, pinned by default (GRD-1)',
        params: idParams,
        body: householdMemberInput,
        response: { 200: householdDetailSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await setHouseholdMember({ db: kysely, actor, id: request.params.id, input: request.body });
      return detail(actor, request.params.id);
    },
  );
};
