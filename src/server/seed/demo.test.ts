import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestContext } from '../../../tests/support/app.ts';
import { createTestDb } from '../../../tests/support/db.ts';
import { isValidCreditCode, isValidIdNumber, isValidMobile, maskPhone } from '../../domain/identity/codes.ts';
import { verifyPassword } from '../auth/password.ts';
import { createSecrets, type Secrets } from '../auth/secrets.ts';
import type { Db } from '../db/index.ts';
import { ROLES } from '../db/schema.ts';
import { verifyAuditChain } from '../modules/audit/chain.ts';
import { loadRegions } from '../regions/load.ts';
import { DEMO_PASSWORD, formatDemoAccounts, readDemoAccounts, seedDemo, type SeedResult } from './demo.ts';

/** A test database with the whole demo scope (the shared template holds 鼓楼区 and 兴国县 only). */
async function demoDb(): Promise<Db> {
  const db = await createTestDb();
  await loadRegions(db.kysely, ['350100', '360732']);
  return db;
}

async function snapshot(db: Db, secrets: Secrets) {
  const people = await db.kysely.selectFrom('person').selectAll().orderBy('id').execute();
  return {
    organisations: await db.kysely
      .selectFrom('organisation')
      .select(['id', 'name', 'kind', 'path', 'credit_code', 'region_code'])
      .orderBy('id')
      .execute(),
    people: people.map((p) => ({
      id: p.id,
      name: p.name,
      birth: p.birth_date,
      phone: p.phone_enc ? secrets.decrypt(p.phone_enc) : null,
      idNumber: p.id_number_enc ? secrets.decrypt(p.id_number_enc) : null,
    })),
    posts: await db.kysely.selectFrom('post').select(['person_id', 'organisation_id', 'title']).orderBy('id').execute(),
    users: await db.kysely
      .selectFrom('app_user')
      .select(['username', 'role', 'region_code', 'organisation_id', 'org_path', 'person_id'])
      .orderBy('id')
      .execute(),
  };
}

describe('demo seed', () => {
  let db: Db;
  const secrets = createSecrets(randomBytes(32));
  let result: SeedResult;

  beforeAll(async () => {
    db = await demoDb();
    result = await seedDemo({ kysely: db.kysely, secrets });
    // The whole demo (registry, matters, lists, policies, villages) seeds here; on a busy 2-core machine that takes minutes.
  }, 300_000);
  afterAll(() => db.close());

  it('SEC-1 seeds one account for every role, all with the demo password', async () => {
    expect(result.seeded).toBe(true);
    expect(new Set(result.accounts.map((a) => a.role))).toEqual(new Set(ROLES));
    const admin = await db.kysely.selectFrom('app_user').selectAll().where('username', '=', 'admin').executeTakeFirstOrThrow();
    expect(await verifyPassword(DEMO_PASSWORD, admin.password_hash)).toBe(true);
    expect(formatDemoAccounts(result.accounts)).toContain('guantian');
    expect(await readDemoAccounts(db.kysely)).toEqual(result.accounts);
  });

  it('ORG-4 scopes each demo account to the right region or organisation', async () => {
    const users = await db.kysely
      .selectFrom('app_user')
      .leftJoin('organisation', 'organisation.id', 'app_user.organisation_id')
      .leftJoin('person', 'person.id', 'app_user.person_id')
      .select([
        'app_user.username',
        'app_user.role',
        'app_user.region_code',
        'app_user.org_path',
        'organisation.path as path',
        'organisation.kind as kind',
        'organisation.department_kind as department_kind',
        'person.is_party_member as party_member',
      ])
      .execute();
    const byName = new Map(users.map((u) => [u.username, u]));
    expect(byName.get('admin')).toMatchObject({ role: 'admin', region_code: null, org_path: null });
    expect(byName.get('city')).toMatchObject({ role: 'city', region_code: '350100' });
    expect(byName.get('gulou')).toMatchObject({ role: 'district', region_code: '350102' });
    expect(byName.get('dongjie')).toMatchObject({ role: 'street', region_code: '350102004' });
    expect(byName.get('gudong')).toMatchObject({ role: 'street', region_code: '350102001' });
    expect(byName.get('tax')).toMatchObject({ role: 'dept', region_code: '350102', kind: 'department', department_kind: 'tax' });
    expect(byName.get('building')).toMatchObject({ role: 'building', kind: 'building_party_committee' });
    expect(byName.get('enterprise')).toMatchObject({ role: 'enterprise', kind: 'enterprise' });
    expect(byName.get('member')).toMatchObject({ role: 'member', kind: 'party_org', party_member: true });
    expect(byName.get('guantian')).toMatchObject({ role: 'village', region_code: '360732203206' });
    expect(byName.get('xingguo')).toMatchObject({ role: 'district', region_code: '360732' });
    for (const u of users) if (u.org_path !== null) expect(u.org_path).toBe(u.path);
  });

  it('ORG-2 builds one tree whose paths follow the parents', async () => {
    const orgs = await db.kysely.selectFrom('organisation').select(['id', 'parent_id', 'path']).execute();
    const byId = new Map(orgs.map((o) => [o.id, o]));
    for (const o of orgs) {
      const parentPath = o.parent_id ? byId.get(o.parent_id)?.path : '/';
      expect(o.path).toBe(`${parentPath}${o.id}/`);
    }
  });

  it('ORG-2 gives the building its two committees and a comprehensive branch under the party committee', async () => {
    const committee = await db.kysely
      .selectFrom('organisation')
      .selectAll()
      .where('name', '=', '中共东街金融大厦委员会')
      .executeTakeFirstOrThrow();
    expect(committee.kind).toBe('building_party_committee');
    const children = await db.kysely.selectFrom('organisation').selectAll().where('parent_id', '=', committee.id).execute();
    expect(children.map((c) => c.kind).sort()).toEqual(['building_management_committee', 'party_org']);
    expect(children.find((c) => c.kind === 'party_org')).toMatchObject({ party_org_kind: 'branch', formation: 'comprehensive' });
  });

  it('ORG-3 represents 双向进入、交叉任职: one person holds posts in both building committees', async () => {
    const rows = await db.kysely
      .selectFrom('post')
      .innerJoin('organisation', 'organisation.id', 'post.organisation_id')
      .select(['post.person_id', 'organisation.kind'])
      .where('organisation.kind', 'in', ['building_party_committee', 'building_management_committee'])
      .execute();
    const kindsByPerson = new Map<string, Set<string>>();
    for (const r of rows) kindsByPerson.set(r.person_id, (kindsByPerson.get(r.person_id) ?? new Set()).add(r.kind));
    const crossAppointed = [...kindsByPerson.values()].filter((k) => k.size === 2);
    expect(crossAppointed.length).toBeGreaterThanOrEqual(2);
  });

  it('REG-2 gives registered bodies valid unified social credit codes', async () => {
    const registered = await db.kysely
      .selectFrom('organisation')
      .select(['name', 'credit_code'])
      .where('credit_code', 'is not', null)
      .execute();
    expect(registered.length).toBeGreaterThanOrEqual(4);
    for (const o of registered) expect(isValidCreditCode(o.credit_code!), `${o.name} ${o.credit_code}`).toBe(true);
  });

  it('ORG-3 stores phone and ID number encrypted, masked and hashed for look-up', async () => {
    const people = await db.kysely.selectFrom('person').selectAll().execute();
    expect(people.length).toBeGreaterThanOrEqual(30);
    expect(people.some((p) => p.is_party_member) && people.some((p) => !p.is_party_member)).toBe(true);
    // Everyone the foundation demo names has both; village residents may lack a phone or ID, and then nothing of it is stored.
    expect(people.filter((p) => p.phone_enc && p.id_number_enc).length).toBeGreaterThanOrEqual(30);
    for (const p of people) {
      if (p.phone_enc) {
        const phone = secrets.decrypt(p.phone_enc);
        expect(isValidMobile(phone)).toBe(true);
        expect(p.phone_enc).not.toContain(phone);
        expect(p.phone_masked).toBe(maskPhone(phone));
        expect(p.phone_hash).toBe(secrets.lookupHash(phone));
      } else {
        expect([p.phone_masked, p.phone_hash]).toEqual([null, null]);
      }
      if (p.id_number_enc) {
        const id = secrets.decrypt(p.id_number_enc);
        expect(isValidIdNumber(id)).toBe(true);
        expect(p.id_number_hash).toBe(secrets.lookupHash(id));
        expect(id.slice(6, 14)).toBe(p.birth_date!.replaceAll('-', ''));
      } else {
        expect([p.id_number_masked, p.id_number_hash]).toEqual([null, null]);
      }
    }
  });

  it('SEC-2 writes one seed.demo audit row and keeps the chain intact', async () => {
    const rows = await db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'seed.demo').execute();
    expect(rows).toHaveLength(1);
    expect(await verifyAuditChain(db.kysely)).toMatchObject({ ok: true });
  });

  it('is idempotent: a second run writes nothing', async () => {
    const before = await snapshot(db, secrets);
    const audits = await db.kysely.selectFrom('audit_log').select('id').execute();
    const again = await seedDemo({ kysely: db.kysely, secrets });
    expect(again.seeded).toBe(false);
    expect(again.accounts).toEqual(result.accounts);
    expect(await snapshot(db, secrets)).toEqual(before);
    expect(await db.kysely.selectFrom('audit_log').select('id').execute()).toEqual(audits);
  });

  it('is deterministic: another database gets the same people, numbers and codes', async () => {
    const other = await demoDb();
    try {
      const otherSecrets = createSecrets(randomBytes(32));
      await seedDemo({ kysely: other.kysely, secrets: otherSecrets });
      expect(await snapshot(other, otherSecrets)).toEqual(await snapshot(db, secrets));
    } finally {
      await other.close();
    }
  }, 300_000);
});

describe('demo seed prerequisites', () => {
  it('ORG-1 says which regions to load when the scope lacks them', async () => {
    const db = await createTestDb(); // 鼓楼区 and 兴国县 only: not the other districts of 福州市
    try {
      await expect(seedDemo({ kysely: db.kysely, secrets: createSecrets(randomBytes(32)) })).rejects.toThrow(
        /350103.*hongtu regions load/s,
      );
      expect(await readDemoAccounts(db.kysely)).toBeNull();
    } finally {
      await db.close();
    }
  });
});

describe('demo data through the API', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestApp();
    await loadRegions(ctx.db.kysely, ['350100']);
    await seedDemo(ctx.deps);
  }, 300_000);
  afterAll(() => ctx.close());

  const visibleNames = async (username: string) => {
    const agent = await login(ctx.app, username, DEMO_PASSWORD);
    const res = await agent.request('GET', '/api/organisations?limit=200');
    expect(res.statusCode).toBe(200);
    return (res.json() as { items: { name: string }[] }).items.map((o) => o.name);
  };

  it('ORG-4 shows isolation between the two demo streets', async () => {
    const dongjie = await visibleNames('dongjie');
    const gudong = await visibleNames('gudong');
    expect(dongjie).toContain('中共东街金融大厦委员会');
    expect(dongjie).not.toContain('中共鼓东科创大厦委员会');
    expect(gudong).toContain('中共鼓东科创大厦委员会');
    expect(gudong).not.toContain('中共东街金融大厦委员会');
  });

  it('ORG-4 shows isolation between two enterprises of one building', async () => {
    const mine = await visibleNames('enterprise');
    expect(mine).toContain('福州榕信数据科技有限公司');
    expect(mine).not.toContain('福建闽江保险代理有限公司');
    const building = await visibleNames('building');
    expect(building).toEqual(expect.arrayContaining(['福州榕信数据科技有限公司', '福建闽江保险代理有限公司', '东街金融大厦管理委员会']));
    expect(building).not.toContain('中共鼓东科创大厦委员会');
  });
});
