import { sql, type Kysely } from 'kysely';
import { regionPrefix } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { allows, scopeWhere } from '../../db/scoped.ts';
import { AppError, forbidden, invalidField, notFound, outOfScopeField } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import { catalogueReader, visiblePolicies } from '../policies/queries.ts';

export interface MeetingInput {
  title: string;
  heldAt: string;
  venue?: string | undefined;
  regionCode: string;
  notes?: string | undefined;
  policyIds: string[];
}

/**
 * POL-4 a 政策对接会: its policies, and the enterprises of its region invited
 * because they meet one of them (eligible) or are one condition away (nearly) —
 * read from the stored results, so the list is what the pushes said.
 */
export async function createMeeting(opts: { db: Kysely<Database>; actor: Actor; input: MeetingInput }): Promise<string> {
  const { actor, input } = opts;
  return opts.db.transaction().execute(async (trx) => {
    const region = await trx.selectFrom('region').select('code').where('code', '=', input.regionCode).executeTakeFirst();
    if (!region) throw invalidField('regionCode', 'field.region_unknown');
    if (!allows(actor, 'policy_meeting', 'write', { regionCode: input.regionCode })) throw outOfScopeField('regionCode');
    const reader = await catalogueReader(trx, actor);
    const ids = [...new Set(input.policyIds)];
    const policies = await trx
      .selectFrom('policy')
      .select('policy.id')
      .where('policy.id', 'in', ids)
      .where('policy.status', '=', 'published')
      .where(visiblePolicies(actor, reader))
      .execute();
    if (policies.length !== ids.length) throw new AppError('not_found', { fields: [{ path: 'policyIds', key: 'field.policy_unknown' }] });
    const meeting = await trx
      .insertInto('policy_meeting')
      .values({
        title: input.title,
        held_at: input.heldAt,
        venue: input.venue ?? '',
        region_code: input.regionCode,
        notes: input.notes ?? '',
        created_by: actor.userId === '0' ? null : actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('policy_meeting_policy')
      .values(ids.map((policy_id) => ({ meeting_id: meeting.id, policy_id })))
      .execute();
    await sql`
      INSERT INTO policy_meeting_invite (meeting_id, enterprise_id, reason)
      SELECT ${meeting.id}, r.enterprise_id, CASE WHEN min(r.gap) = 0 THEN 'eligible' ELSE 'nearly' END
      FROM policy_result r JOIN enterprise e ON e.organisation_id = r.enterprise_id
      WHERE r.policy_id = ANY(${ids}::bigint[]) AND e.region_code LIKE ${regionPrefix(input.regionCode) + '%'}
      GROUP BY r.enterprise_id`.execute(trx);
    await recordAudit(trx, {
      actor,
      action: 'policy_meeting.create',
      entity: 'policy_meeting',
      entityId: meeting.id,
      regionCode: meeting.region_code,
      after: { ...meeting, policyIds: ids },
    });
    return meeting.id;
  });
}

/** POL-4 records an invited enterprise's attendance and the follow-up agreed. */
export async function recordInvite(opts: {
  db: Kysely<Database>;
  actor: Actor;
  meetingId: string;
  enterpriseId: string;
  input: { attended?: boolean | null | undefined; followUp?: string | null | undefined };
}): Promise<void> {
  const { actor, input } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const meeting = await trx
      .selectFrom('policy_meeting')
      .select(['id', 'region_code'])
      .where('id', '=', opts.meetingId)
      .forUpdate()
      .executeTakeFirst();
    if (!meeting || !allows(actor, 'policy_meeting', 'read', { regionCode: meeting.region_code })) throw notFound();
    if (!allows(actor, 'policy_meeting', 'write', { regionCode: meeting.region_code })) throw forbidden();
    const before = await trx
      .selectFrom('policy_meeting_invite')
      .selectAll()
      .where('meeting_id', '=', meeting.id)
      .where('enterprise_id', '=', opts.enterpriseId)
      .executeTakeFirst();
    if (!before) throw notFound();
    const after = await trx
      .updateTable('policy_meeting_invite')
      .set({
        ...(input.attended !== undefined ? { attended: input.attended } : {}),
        ...(input.followUp !== undefined ? { follow_up: input.followUp, followed_up_at: input.followUp ? new Date() : null } : {}),
      })
      .where('meeting_id', '=', meeting.id)
      .where('enterprise_id', '=', opts.enterpriseId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'policy_meeting.invite',
      entity: 'policy_meeting',
      entityId: meeting.id,
      regionCode: meeting.region_code,
      before,
      after,
    });
  });
}

export async function listMeetings(db: Kysely<Database>, actor: Actor, page: { offset: number; limit: number }) {
  const q = db.selectFrom('policy_meeting').where(scopeWhere(actor, 'policy_meeting', 'read'));
  const [rows, count] = await Promise.all([
    q
      .select([
        'policy_meeting.id',
        'policy_meeting.title',
        'policy_meeting.held_at',
        'policy_meeting.venue',
        'policy_meeting.region_code',
        sql<string>`(SELECT count(*) FROM policy_meeting_policy mp WHERE mp.meeting_id = policy_meeting.id)`.as('policies'),
        sql<string>`(SELECT count(*) FROM policy_meeting_invite i WHERE i.meeting_id = policy_meeting.id)`.as('invited'),
        sql<string>`(SELECT count(*) FROM policy_meeting_invite i WHERE i.meeting_id = policy_meeting.id AND i.attended)`.as('attended'),
      ])
      .orderBy('policy_meeting.held_at', 'desc')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    q.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      heldAt: r.held_at.toISOString(),
      venue: r.venue,
      regionCode: r.region_code,
      policies: Number(r.policies),
      invited: Number(r.invited),
      attended: Number(r.attended),
    })),
    total: Number(count.n),
  };
}

export async function meetingDetail(db: Kysely<Database>, actor: Actor, id: string) {
  const meeting = await db
    .selectFrom('policy_meeting')
    .selectAll()
    .where('id', '=', id)
    .where(scopeWhere(actor, 'policy_meeting', 'read'))
    .executeTakeFirst();
  if (!meeting) throw notFound();
  const [policies, invites] = await Promise.all([
    db
      .selectFrom('policy_meeting_policy as mp')
      .innerJoin('policy', 'policy.id', 'mp.policy_id')
      .select(['policy.id', 'policy.title', 'policy.issuer', 'policy.mode'])
      .where('mp.meeting_id', '=', id)
      .orderBy('policy.id')
      .execute(),
    db
      .selectFrom('policy_meeting_invite as i')
      .innerJoin('organisation as o', 'o.id', 'i.enterprise_id')
      .select(['i.enterprise_id', 'o.name', 'i.reason', 'i.attended', 'i.follow_up', 'i.followed_up_at'])
      .where('i.meeting_id', '=', id)
      .orderBy('i.reason')
      .orderBy('o.name')
      .execute(),
  ]);
  return {
    id: meeting.id,
    title: meeting.title,
    heldAt: meeting.held_at.toISOString(),
    venue: meeting.venue,
    regionCode: meeting.region_code,
    notes: meeting.notes,
    mayEdit: allows(actor, 'policy_meeting', 'write', { regionCode: meeting.region_code }),
    policies: policies.map((p) => ({ id: p.id, title: p.title, issuer: p.issuer, mode: p.mode })),
    invites: invites.map((i) => ({
      enterpriseId: i.enterprise_id,
      name: i.name,
      reason: i.reason,
      attended: i.attended,
      followUp: i.follow_up,
      followedUpAt: i.followed_up_at?.toISOString() ?? null,
    })),
  };
}
