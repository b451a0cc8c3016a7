import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../tests/support/db.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import { createSecrets } from '../auth/secrets.ts';
import type { Db } from '../db/index.ts';
import { policiesForEnterprise } from '../modules/policy-results/for-you.ts';
import { loadRegions } from '../regions/load.ts';
import { seedDemo } from './demo.ts';
import { POLICY_SETTING_KEY, seedPoliciesDemo } from './policies.ts';

let db: Db;
let policyCount = 0;
let seedMs = 0;

beforeAll(async () => {
  db = await createTestDb();
  await loadRegions(db.kysely, ['350100', '360732']);
  const result = await seedDemo({ kysely: db.kysely, secrets: createSecrets(randomBytes(32)) });
  expect(result.seeded).toBe(true);
  const marker = await db.kysely.selectFrom('app_setting').select('value').where('key', '=', POLICY_SETTING_KEY).executeTakeFirstOrThrow();
  const value = marker.value as { counts: { policies: number }; ms: number };
  policyCount = value.counts.policies;
  seedMs = value.ms;
}, 300_000);
afterAll(async () => db?.close());

describe('policies demo seed', () => {
  it('POL-1 POL-2 POL-3 POL-4 100+ policies with rules over the demo enterprises, results, pushes, applications and a meeting', async () => {
    expect(policyCount).toBeGreaterThanOrEqual(100);
    console.log(`policies demo seed: ${seedMs} ms`);
    const count = async (table: 'policy_result' | 'policy_push' | 'policy_application' | 'policy_meeting_invite' | 'enterprise_profile') =>
      Number(
        (
          await db.kysely
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('enterprise_profile')).toBeGreaterThan(1000);
    expect(await count('policy_result')).toBeGreaterThan(1000);
    expect(await count('policy_push')).toBeGreaterThan(100);
    expect(await count('policy_application')).toBeGreaterThan(20);
    expect(await count('policy_meeting_invite')).toBeGreaterThan(0);

    const demo = await db.kysely
      .selectFrom('organisation')
      .select('id')
      .where('name', '=', '福州榕信数据科技有限公司')
      .executeTakeFirstOrThrow();
    const mine = await policiesForEnterprise({
      db: db.kysely,
      enterpriseId: demo.id,
      offset: 0,
      limit: 10,
      asOf: '2026-01-15',
      locale: 'zh-CN',
    });
    expect(mine.counts.met).toBeGreaterThan(3);
    expect(mine.items[0]!.explanation.conditions.length).toBeGreaterThan(0);
    const notices = await db.kysely
      .selectFrom('notification')
      .innerJoin('app_user', 'app_user.id', 'notification.user_id')
      .select('notification.id')
      .where('app_user.username', '=', 'enterprise')
      .where('notification.kind', '=', 'policy.eligible')
      .execute();
    expect(notices.length).toBeGreaterThan(0);
  });

  it('POL-1 seeding again changes nothing (marker)', async () => {
    const again = await db.kysely.transaction().execute((trx) => seedPoliciesDemo(trx));
    expect(again.seeded).toBe(false);
    expect(SYSTEM_ACTOR.role).toBe('admin');
  });
});
