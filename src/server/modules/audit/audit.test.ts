import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Agent, type TestContext } from '../../../../tests/support/app.ts';
import { createRegionTree, createUser, type RegionTree } from '../../../../tests/support/factories.ts';
import { SYSTEM_ACTOR } from '../../auth/actor.ts';
import { canonicalJson, chainAuditLog, recordAudit, verifyAuditChain } from './chain.ts';

let ctx: TestContext;
let tree: RegionTree;
let admin: Agent;

beforeAll(async () => {
  ctx = await createTestApp();
  tree = await createRegionTree(ctx.db.kysely);
  const a = await createUser(ctx.db.kysely, { role: 'admin' });
  admin = await login(ctx.app, a.username, a.password);
});
afterAll(() => ctx.close());

async function someWrites(n: number) {
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      admin.request('POST', '/api/organisations', { name: `审计测试企业${i}`, kind: 'enterprise', regionCode: tree.villages[1][0] }),
    ),
  );
}

describe('SEC-2 tamper-evident audit log', () => {
  it('SEC-2 canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }));
  });

  it('SEC-2 concurrent writes keep one unbroken chain; admins search and verify it over HTTP', async () => {
    await someWrites(12);
    const verify = (await admin.request('GET', '/api/audit/verify')).json();
    expect(verify.ok).toBe(true);
    expect(verify.checked).toBeGreaterThanOrEqual(12);
    const search = (await admin.request('GET', '/api/audit?entity=organisation&action=organisation.create&limit=5')).json();
    expect(search.total).toBeGreaterThanOrEqual(12);
    expect(search.items).toHaveLength(5);
    expect(search.items[0]).toMatchObject({ entity: 'organisation', action: 'organisation.create', actorName: admin.username });
  });

  it('SEC-2 editing an audited row is detected at that row', async () => {
    await someWrites(3);
    const victim = await ctx.db.kysely.selectFrom('audit_log').select('id').orderBy('id').offset(1).limit(1).executeTakeFirstOrThrow();
    await sql`UPDATE audit_log SET after = jsonb_set(after, '{name}', '"篡改"') WHERE id = ${victim.id}`.execute(ctx.db.kysely);
    const result = await verifyAuditChain(ctx.db.kysely, 2);
    expect(result).toMatchObject({ ok: false, brokenAt: { id: victim.id, reason: 'hash_mismatch' } });
  });

  it('SEC-2 deleting a row from the middle breaks the link after it', async () => {
    const fresh = await createTestApp();
    try {
      const a = await createUser(fresh.db.kysely, { role: 'admin' });
      const agent = await login(fresh.app, a.username, a.password);
      const t = await createRegionTree(fresh.db.kysely);
      for (let i = 0; i < 4; i++) await agent.request('POST', '/api/organisations', { name: `链${i}`, kind: 'enterprise', regionCode: t.county });
      await chainAuditLog(fresh.db.kysely);
      const rows = await fresh.db.kysely.selectFrom('audit_log').select('id').orderBy('id').execute();
      await fresh.db.kysely.deleteFrom('audit_log').where('id', '=', rows[1]!.id).execute();
      expect(await verifyAuditChain(fresh.db.kysely)).toMatchObject({ ok: false, brokenAt: { id: rows[2]!.id, reason: 'broken_link' } });
    } finally {
      await fresh.close();
    }
  });

  it('SEC-2 rows are linked after their commit, in the order the chainer finds them: a late commit of an earlier id still verifies', async () => {
    const fresh = await createTestApp();
    try {
      const write = (n: number) =>
        fresh.db.kysely
          .transaction()
          .execute((trx) => recordAudit(trx, { actor: SYSTEM_ACTOR, action: 'test.late', entity: 'thing', entityId: String(n), after: { n } }));
      await write(1);
      await chainAuditLog(fresh.db.kysely);
      // A row waiting for its link has none yet.
      await write(2);
      const pending = await fresh.db.kysely.selectFrom('audit_log').select(['hash', 'chain_seq']).where('entity_id', '=', '2').executeTakeFirstOrThrow();
      expect(pending).toEqual({ hash: null, chain_seq: null });
      // An earlier id that commits after a later one was linked: linked after it.
      await sql`UPDATE audit_log SET prev_hash = NULL, hash = NULL, chain_seq = NULL WHERE entity_id = '1' AND action = 'test.late'`.execute(
        fresh.db.kysely,
      );
      await sql`DELETE FROM audit_log WHERE action <> 'test.late'`.execute(fresh.db.kysely);
      expect(await chainAuditLog(fresh.db.kysely)).toBe(2);
      expect(await verifyAuditChain(fresh.db.kysely)).toMatchObject({ ok: true, checked: 2 });
      // Tampering with a linked row is found; the chainer never relinks a linked row.
      await sql`UPDATE audit_log SET after = '{"n": 9}'::jsonb WHERE entity_id = '2' AND action = 'test.late'`.execute(fresh.db.kysely);
      expect(await chainAuditLog(fresh.db.kysely)).toBe(0);
      expect(await verifyAuditChain(fresh.db.kysely)).toMatchObject({ ok: false, brokenAt: { reason: 'hash_mismatch' } });
    } finally {
      await fresh.close();
    }
  });

  it('SEC-2 a write answered over HTTP is linked moments later without anyone verifying', async () => {
    const fresh = await createTestApp();
    try {
      const a = await createUser(fresh.db.kysely, { role: 'admin' });
      const agent = await login(fresh.app, a.username, a.password);
      const t = await createRegionTree(fresh.db.kysely);
      await agent.request('POST', '/api/organisations', { name: '链接测试', kind: 'enterprise', regionCode: t.county });
      await expect
        .poll(async () => {
          const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE chain_seq IS NULL`.execute(fresh.db.kysely);
          return r.rows[0]!.n;
        })
        .toBe(0);
    } finally {
      await fresh.close();
    }
  });
});
