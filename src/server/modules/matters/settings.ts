import type { Kysely } from 'kysely';
import { validateLimitsOverrides, type LimitsOverrides } from '../../../domain/matters/limits.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { AppError, forbidden } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import { LIMITS_SETTING_KEY, readLimitsOverrides } from './state.ts';

/** MAT-4 limits are the installation's rule book: administrators set them, everyone works by them. */
export function mayConfigureLimits(actor: Actor): boolean {
  return actor.role === 'admin';
}

/**
 * MAT-4 replaces the installation's overrides of the limits table. New limits
 * apply to clocks started from now on; running clocks keep the limit they started with.
 */
export async function setLimitsOverrides(opts: { db: Kysely<Database>; actor: Actor; overrides: unknown }): Promise<LimitsOverrides> {
  if (!mayConfigureLimits(opts.actor)) throw forbidden();
  const checked = validateLimitsOverrides(opts.overrides);
  if (!checked.ok) {
    throw new AppError('validation', {
      fields: checked.issues.map((i) => ({ path: ['overrides', ...i.path].join('.'), key: 'field.limit_minutes' as const })),
    });
  }
  await opts.db.transaction().execute(async (trx) => {
    const before = await readLimitsOverrides(trx);
    const value = JSON.stringify(checked.overrides);
    await trx
      .insertInto('app_setting')
      .values({ key: LIMITS_SETTING_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
    await recordAudit(trx, {
      actor: opts.actor,
      action: 'matter.limits',
      entity: 'app_setting',
      entityId: LIMITS_SETTING_KEY,
      before,
      after: checked.overrides,
    });
  });
  return checked.overrides;
}
