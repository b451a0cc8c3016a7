import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import type { Secrets } from '../../auth/secrets.ts';
import type { Database, Locale } from '../../db/schema.ts';
import { allows, scopeWhere } from '../../db/scoped.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { t } from '../../i18n/messages.ts';
import { recordAudit } from '../audit/chain.ts';
import { submitMatter, type IntakeResult } from '../matters/intake.ts';
import { belongs } from './access.ts';
import type { RaiseMatterInput } from './schemas.ts';

/** What needs handling: a traditional building (险情) or the village's protection funds (资金异常). */
export type VillageMatterSubject = { kind: 'building'; buildingId: string } | { kind: 'funds' };

// The categories these matters fall under unless the caller picks another.
const DEFAULT_CATEGORY: Record<VillageMatterSubject['kind'], string> = { building: 'facility_repair', funds: 'other' };

/**
 * VIL-1 VIL-2 raises a matter (MAT-1) about a village in one step, as an inspection finding
 * placed on the village's code, so it enters the four-level ladder at the village's desk.
 * A building's matter is linked to the building afterwards; a retry with the same
 * idempotency key returns the first matter.
 */
export async function raiseVillageMatter(opts: {
  db: Kysely<Database>;
  actor: Actor;
  secrets: Secrets;
  code: string;
  subject: VillageMatterSubject;
  input: RaiseMatterInput;
  locale: Locale;
}): Promise<IntakeResult> {
  const { db, actor, code, subject, input } = opts;
  const book = subject.kind === 'funds' ? 'village_fund' : 'village_profile';
  const village = await db
    .selectFrom('village_profile')
    .innerJoin('region', 'region.code', 'village_profile.region_code')
    .select(['village_profile.region_code', 'village_profile.org_path', 'region.name'])
    .where('village_profile.region_code', '=', code)
    .where(scopeWhere(actor, book, 'read'))
    .executeTakeFirst();
  if (!village) throw notFound();
  if (!allows(actor, book, 'write', { regionCode: village.region_code, orgPath: village.org_path })) throw forbidden();
  const building =
    subject.kind === 'building'
      ? belongs(
          await db
            .selectFrom('traditional_building')
            .select(['id', 'name', 'region_code'])
            .where('id', '=', subject.buildingId)
            .executeTakeFirst(),
          code,
          'id',
          'field.traditional_building_unknown',
        )
      : null;
  const categoryId =
    input.categoryId ??
    (await db.selectFrom('matter_category').select('id').where('code', '=', DEFAULT_CATEGORY[subject.kind]).executeTakeFirst())?.id;
  if (!categoryId) throw new AppError('validation', { fields: [{ path: 'categoryId', key: 'field.category_unknown' }] });
  const title = building
    ? t(opts.locale, 'village.matter_building_title', { village: village.name, name: building.name })
    : t(opts.locale, 'village.matter_funds_title', { village: village.name });
  const result = await submitMatter({
    db,
    actor,
    secrets: opts.secrets,
    input: {
      categoryId,
      title,
      description: input.description,
      regionCode: code,
      source: 'inspection',
      urgent: input.urgent ?? subject.kind === 'building',
      idempotencyKey: input.idempotencyKey ?? null,
    },
  });
  if (building && result.created) {
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('traditional_building')
        .set({ matter_id: result.id, updated_at: new Date() })
        .where('id', '=', building.id)
        .execute();
      await recordAudit(trx, {
        actor,
        action: 'traditional_building.matter',
        entity: 'traditional_building',
        entityId: building.id,
        regionCode: code,
        after: { matter_id: result.id },
      });
    });
  }
  return result;
}
