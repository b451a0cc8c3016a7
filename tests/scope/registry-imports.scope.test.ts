import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMNS } from '../../src/domain/registry/import-rows.ts';
import type { ImportJobView } from '../../src/server/modules/imports/schemas.ts';
import { appendRows, download, importFile, registryFingerprint, sheetValues } from '../../src/server/modules/imports/testing.ts';
import { createTestApp, login, type Agent, type TestContext } from '../support/app.ts';
import { createOrganisation, createRegionTree, createUser, randomCreditCode, type RegionTree } from '../support/factories.ts';
import { createBuilding, createEnterprise, dayFromToday } from '../support/registry-factories.ts';
import { expectInScope, expectOutOfScope, type ScopeCase } from '../support/scope.ts';

/**
 * REG-9 DSH-3 ORG-4: imports, exports and the registry overview refuse another
 * street's jobs and regions, roles without the registry are refused outright,
 * and rows outside the uploader's scope are row errors that change nothing.
 */
let ctx: TestContext;
let tree: RegionTree;
let insider: Agent;
let outsider: Agent;
let member: Agent;
let job: ImportJobView;
const code = randomCreditCode();
let hiddenEnterpriseCode: string;

const PREFIXES = ['/api/imports', '/api/exports', '/api/registry'];

beforeAll(async () => {
  ctx = await createTestApp();
  const db = ctx.db.kysely;
  tree = await createRegionTree(db);
  const [t0, t1] = tree.townships;
  const branch = await createOrganisation(db, { name: '甲街道某支部', kind: 'party_org', regionCode: t0 });
  const [inside, outside, party] = await Promise.all([
    createUser(db, { role: 'street', regionCode: t0 }),
    createUser(db, { role: 'street', regionCode: t1 }),
    createUser(db, { role: 'member', organisationId: branch.id, orgPath: branch.path }),
  ]);
  [insider, outsider, member] = await Promise.all([
    login(ctx.app, inside.username, inside.password),
    login(ctx.app, outside.username, outside.password),
    login(ctx.app, party.username, party.password),
  ]);
  await createBuilding(db, { regionCode: t0, name: '甲街道楼宇' });
  hiddenEnterpriseCode = (await createEnterprise(db, { regionCode: t0 })).creditCode;
  const file = await appendRows(await download(insider, '/api/imports/templates/enterprises'), [
    ['甲街道导入企业有限公司', code, t0, '65', '小型', 10, 1, '否', '是', '', '', '', '', ''],
  ]);
  job = await importFile(insider, 'enterprises', file);
  expect(job).toMatchObject({ created: 1, failed: 0 });
});
afterAll(() => ctx.close());

function recordCases(): (ScopeCase & { name: string; who: 'outsider' | 'member' })[] {
  const [t0] = tree.townships;
  return [
    { name: 'job', who: 'outsider', method: 'GET', url: `/api/imports/${job.id}` },
    { name: 'export of another street', who: 'outsider', method: 'GET', url: `/api/exports/enterprises?regionCode=${t0}` },
    { name: 'overview of another street', who: 'outsider', method: 'GET', url: `/api/registry/overview?regionCode=${t0}` },
    { name: 'template for a role without the registry', who: 'member', method: 'GET', url: '/api/imports/templates/buildings' },
    { name: 'export for a role without the registry', who: 'member', method: 'GET', url: '/api/exports/leases' },
    { name: 'import for a role without the registry', who: 'member', method: 'POST', url: '/api/imports/enterprises', payload: {} },
  ];
}

describe('REG-9 DSH-3 scope of imports, exports and the overview', () => {
  it('REG-9 ORG-4 another street and a role without the registry get 403/404 and nothing changes; the insider succeeds', async () => {
    for (const c of recordCases()) await expectOutOfScope(ctx, c.who === 'outsider' ? outsider : member, c);
    for (const c of recordCases().filter((c) => c.who === 'outsider')) await expectInScope(insider, c);
  });

  it('REG-9 ORG-4 rows outside the uploader’s scope are row errors and change nothing', async () => {
    const [t0, t1] = tree.townships;
    const before = await registryFingerprint(ctx.db.kysely);
    const template = (kind: 'buildings' | 'enterprises' | 'leases') => download(outsider, `/api/imports/templates/${kind}`);
    const enterprises = await importFile(
      outsider,
      'enterprises',
      await appendRows(await template('enterprises'), [
        ['乙街道越界企业有限公司', randomCreditCode(), t0, '', '', '', '', '', '', '', '', '', '', ''],
        ['乙街道冒用代码有限公司', hiddenEnterpriseCode, t1, '', '', '', '', '', '', '', '', '', '', ''],
        ['乙街道重名导入有限公司', code, t1, '', '', '', '', '', '', '', '', '', '', ''],
      ]),
    );
    expect(enterprises).toMatchObject({ created: 0, updated: 0, failed: 3 });
    expect(enterprises.errors.map((e) => [e.row, e.column])).toEqual([
      [4, '所在街道代码'],
      [5, '统一社会信用代码'],
      [6, '统一社会信用代码'],
    ]);
    const buildings = await importFile(
      outsider,
      'buildings',
      await appendRows(await template('buildings'), [
        ['甲街道楼宇', t0, '越界路1号', '', '', '', '', '', 1000, '单一产权', '产权单位自管', '', '', '', '', '', ''],
      ]),
    );
    expect(buildings).toMatchObject({ created: 0, updated: 0, failed: 1 });
    const leases = await importFile(
      outsider,
      'leases',
      await appendRows(await template('leases'), [
        ['', '甲街道楼宇', t0, hiddenEnterpriseCode, '', '', 100, dayFromToday(-10), dayFromToday(300), '', ''],
      ]),
    );
    expect(leases.errors.map((e) => e.field).sort()).toEqual(['buildingName', 'enterpriseCreditCode']);
    expect(await registryFingerprint(ctx.db.kysely)).toBe(before);
  });

  it('REG-9 ORG-4 exports and job lists hold only the caller’s own records and jobs', async () => {
    const { rows } = await sheetValues(await download(outsider, '/api/exports/enterprises'));
    const codes = rows.slice(2).map((r) => r[COLUMNS.enterprises.findIndex((c) => c.key === 'creditCode')]);
    expect(codes).not.toContain(code);
    expect(codes).not.toContain(hiddenEnterpriseCode);
    const own = await sheetValues(await download(insider, '/api/exports/enterprises'));
    expect(own.rows.slice(2).map((r) => r[1])).toEqual(expect.arrayContaining([code, hiddenEnterpriseCode]));
    const list = (await outsider.request('GET', '/api/imports?limit=200')).json() as { items: { id: string }[] };
    expect(list.items.map((j) => j.id)).not.toContain(job.id);
  });

  it('ORG-4 every authenticated endpoint under the import, export and overview prefixes is covered by a scope case here', () => {
    const key = (method: string, url: string) =>
      `${method} ${url
        .split('?')[0]!
        .replace(/\/\d+(?=\/|$)/g, '/:id')
        .replace(/\/(buildings|enterprises|leases)$/, '/:id')}`;
    const covered = new Set(recordCases().map((c) => key(String(c.method), c.url)));
    // Lists filtered by the query layer (checked above).
    const listed = new Set(['GET /api/imports']);
    const uncovered = ctx.app.routeTable
      .filter((r) => PREFIXES.some((p) => r.url === p || r.url.startsWith(`${p}/`)) && r.auth !== 'public')
      .map((r) => `${r.method} ${r.url.replace(/:\w+/g, ':id')}`)
      .filter((k) => !covered.has(k) && !listed.has(k));
    expect(uncovered).toEqual([]);
  });
});
