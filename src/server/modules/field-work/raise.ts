import type { Kysely } from 'kysely';
import { DISPUTE_TYPE_LABELS, FIRE_CHECKLIST, UPKEEP_KIND_LABELS, VISIT_TOPICS, type VisitTopic } from '../../../domain/villages/index.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Secrets } from '../../auth/secrets.ts';
import type { Database, Locale } from '../../db/schema.ts';
import { allows } from '../../db/scoped.ts';
import { forbidden, invalidField, notFound } from '../../http/errors.ts';
import { t } from '../../i18n/messages.ts';
import { recordAudit } from '../audit/chain.ts';
import { submitMatter } from '../matters/intake.ts';
import type { RaisableKind, RaiseInput } from './schemas.ts';

type Db = Kysely<Database>;

/** The matter category a record raises by default: fire hazards are 治安消防, broken facilities 公共设施报修. */
const DEFAULT_CATEGORY: Record<RaisableKind, string> = {
  hazard: 'public_security',
  upkeep: 'facility_repair',
  visit: 'other',
  mediation: 'other',
};

interface Source {
  village_code: string;
  member_person_id: string | null;
  matter_id: string | null;
  title: string;
  description: string;
}

async function loadSource(db: Db, kind: RaisableKind, id: string, locale: Locale): Promise<Source | undefined> {
  switch (kind) {
    case 'hazard': {
      const h = await db
        .selectFrom('hazard')
        .leftJoin('household', 'household.id', 'hazard.household_id')
        .leftJoin('inspection', 'inspection.id', 'hazard.inspection_id')
        .select([
          'hazard.village_code',
          'hazard.member_person_id',
          'hazard.matter_id',
          'hazard.item',
          'hazard.description',
          'hazard.deadline',
          'household.address',
          'inspection.place',
        ])
        .where('hazard.id', '=', id)
        .executeTakeFirst();
      if (!h) return undefined;
      const item = FIRE_CHECKLIST.find((c) => c.key === h.item)?.label[locale] ?? h.item;
      return {
        ...h,
        title: t(locale, 'grid.hazard_matter_title', { item }),
        description: `${h.address ?? h.place ?? ''}：${h.description}（整改期限 ${h.deadline}）`,
      };
    }
    case 'visit': {
      const v = await db
        .selectFrom('visit')
        .innerJoin('household', 'household.id', 'visit.household_id')
        .select([
          'visit.village_code',
          'visit.member_person_id',
          'visit.matter_id',
          'visit.topics',
          'visit.notes',
          'visit.visited_on',
          'household.address',
        ])
        .where('visit.id', '=', id)
        .executeTakeFirst();
      if (!v) return undefined;
      const topics = v.topics.map((k) => VISIT_TOPICS[k as VisitTopic]?.[locale] ?? k).join('、');
      return {
        ...v,
        title: t(locale, 'grid.visit_matter_title', { address: v.address }),
        description: `${v.visited_on} ${topics}：${v.notes ?? ''}`,
      };
    }
    case 'upkeep': {
      const u = await db.selectFrom('upkeep').selectAll().where('id', '=', id).executeTakeFirst();
      if (!u) return undefined;
      return {
        ...u,
        title: t(locale, 'grid.upkeep_matter_title', { kind: UPKEEP_KIND_LABELS[u.kind][locale], subject: u.subject }),
        description: `${u.done_on} ${u.subject}：${u.notes ?? ''}`,
      };
    }
    case 'mediation': {
      const m = await db.selectFrom('mediation').selectAll().where('id', '=', id).executeTakeFirst();
      if (!m) return undefined;
      // Parties stay out of the matter in clear: the matter's readers are not the mediation's.
      return {
        ...m,
        title: t(locale, 'grid.mediation_matter_title', { type: DISPUTE_TYPE_LABELS[m.dispute_type][locale] }),
        description: `${m.mediated_on} ${m.parties_masked.join('、')}：${m.summary}`,
      };
    }
  }
}

/**
 * GRD-2 any field record raises a matter (MAT-1) in one step, in its village: a fire hazard as
 * an 'inspection' matter of 治安消防 registered at once, the rest as the member's or office's.
 * The matter's id is kept on the record; asking again returns the same matter (the record is
 * its idempotency key, so a retry after a lost answer makes no second one).
 */
export async function raiseMatterFrom(opts: {
  db: Db;
  actor: Actor;
  secrets: Secrets;
  kind: RaisableKind;
  id: string;
  input: RaiseInput;
  locale: Locale;
}) {
  const { db, actor, kind, id, input } = opts;
  const source = await loadSource(db, kind, id, opts.locale);
  const place = { regionCode: source?.village_code, personId: source?.member_person_id };
  if (!source || !allows(actor, 'field_record', 'read', place)) throw notFound();
  if (!allows(actor, 'field_record', 'write', place)) throw forbidden();
  if (source.matter_id) {
    const m = await db.selectFrom('matter').select(['id', 'code']).where('id', '=', source.matter_id).executeTakeFirstOrThrow();
    return { matterId: m.id, matterCode: m.code, created: false };
  }
  let categoryId = input.categoryId;
  if (!categoryId) {
    const c = await db.selectFrom('matter_category').select('id').where('code', '=', DEFAULT_CATEGORY[kind]).executeTakeFirst();
    if (!c) throw invalidField('categoryId', 'field.category_unknown');
    categoryId = c.id;
  }
  // A member raises matters for the village of the households they carry (checked above), which
  // their account need not name as its region.
  const raiser: Actor = actor.role === 'member' ? { ...actor, regionCode: source.village_code } : actor;
  const result = await submitMatter({
    db,
    actor: raiser,
    secrets: opts.secrets,
    input: {
      categoryId,
      title: source.title.slice(0, 100),
      description: (input.description ? `${input.description}\n${source.description}` : source.description).slice(0, 2000),
      regionCode: source.village_code,
      urgent: input.urgent ?? false,
      source: kind === 'hazard' ? 'inspection' : actor.role === 'member' ? 'member' : 'staff',
      idempotencyKey: `grd:${kind}:${id}`,
    },
  });
  await db.transaction().execute(async (trx) => {
    await trx.updateTable(kind).set({ matter_id: result.id }).where('id', '=', id).where('matter_id', 'is', null).execute();
    await recordAudit(trx, {
      actor,
      action: `${kind}.raise_matter`,
      entity: kind,
      entityId: id,
      regionCode: source.village_code,
      after: { matterId: result.id },
    });
  });
  const m = await db.selectFrom('matter').select(['id', 'code']).where('id', '=', result.id).executeTakeFirstOrThrow();
  return { matterId: m.id, matterCode: m.code, created: result.created };
}
