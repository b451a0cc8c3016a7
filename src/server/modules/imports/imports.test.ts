import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Agent, type TestContext } from '../../../../tests/support/app.ts';
import { createRegionTree, createUser, randomCreditCode, type RegionTree } from '../../../../tests/support/factories.ts';
import { dayFromToday } from '../../../../tests/support/registry-factories.ts';
import { creditCodeCheckChar } from '../../../domain/identity/codes.ts';
import { COLUMNS } from '../../../domain/registry/import-rows.ts';
import type { ImportJobView } from './schemas.ts';
import { appendRows, download, importFile, multipartFile, registryFingerprint, sheetValues } from './testing.ts';

/** REG-9 Excel import and export: template → fill → import → export → re-import, the error report, leases as events, size. */
let ctx: TestContext;
let tree: RegionTree;
let staff: Agent;

beforeAll(async () => {
  ctx = await createTestApp();
  tree = await createRegionTree(ctx.db.kysely);
  const user = await createUser(ctx.db.kysely, { role: 'street', regionCode: tree.townships[0] });
  staff = await login(ctx.app, user.username, user.password);
});
afterAll(() => ctx.close());

/** A valid credit code whose check character is then replaced, so only the check digit is wrong. */
function wrongCheckDigit(): string {
  const good = randomCreditCode();
  const wrong = creditCodeCheckChar(good.slice(0, 17)) === '0' ? '1' : '0';
  return good.slice(0, 17) + wrong;
}

const building = (name: string, region: string) => [
  name,
  region,
  `测试路${name.length}号`,
  119.3,
  26.08,
  20,
  2,
  30000,
  24000,
  '多元产权',
  '委托物业',
  `${name}物业服务有限公司`,
  '',
  '金融楼',
  '66、67',
  90,
  2010,
];
const enterprise = (name: string, code: string, region: string) => [
  name,
  code,
  region,
  '65 软件和信息技术服务业',
  '小型',
  30,
  4,
  '否',
  '是',
  '联合建立党组织',
  '2018-03-01',
  '林建华',
  119.3,
  26.08,
];

async function imported(kind: 'buildings' | 'enterprises' | 'leases', rows: (string | number)[][], agent = staff): Promise<ImportJobView> {
  const template = await download(agent, `/api/imports/templates/${kind}`);
  return importFile(agent, kind, await appendRows(template, rows));
}

describe('REG-9 template, import, export, re-import', () => {
  const codes = [randomCreditCode(), randomCreditCode(), randomCreditCode()];

  it('REG-9 a template has a Chinese header, a hidden row of field keys, drop-down lists and an example row the import skips', async () => {
    const { rows, hidden, validations } = await sheetValues(await download(staff, '/api/imports/templates/buildings'));
    expect(rows[0]).toEqual(COLUMNS.buildings.map((c) => `${c.header['zh-CN']}${c.required ? '*' : ''}`));
    expect(rows[1]).toEqual(COLUMNS.buildings.map((c) => c.key));
    expect(hidden.slice(0, 3)).toEqual([false, true, false]);
    expect(validations).toContain('"单一产权,多元产权"');
    expect(String(rows[2]![0])).toMatch(/^【示例】/);
    const job = await importFile(staff, 'buildings', await download(staff, '/api/imports/templates/buildings'));
    expect(job).toMatchObject({ status: 'done', totalRows: 0, created: 0, failed: 0 });
  });

  it('REG-9 template → fill → import → export → re-import changes nothing, for buildings, enterprises and leases', async () => {
    const [t0] = tree.townships;
    expect(await imported('buildings', [building('导入一号楼', t0), building('导入二号楼', t0)])).toMatchObject({
      status: 'done',
      totalRows: 2,
      processed: 2,
      created: 2,
      failed: 0,
    });
    expect(
      await imported('enterprises', [
        enterprise('福州导入甲科技有限公司', codes[0]!, t0),
        enterprise('福州导入乙科技有限公司', codes[1]!, t0),
        enterprise('福州导入丙科技有限公司', codes[2]!, t0),
      ]),
    ).toMatchObject({ created: 3, failed: 0 });
    const leases = [
      ['IMP-001', '导入一号楼', t0, codes[0]!, '', '1201', 800, dayFromToday(-200), dayFromToday(700), 72000, ''],
      ['', '导入一号楼', t0, codes[1]!, '', '1305-1306', 1200, dayFromToday(-100), dayFromToday(900), 0, ''],
      ['IMP-003', '导入二号楼', t0, codes[2]!, '', '801', 500, dayFromToday(-400), dayFromToday(20), 40000, dayFromToday(-10)],
    ];
    expect(await imported('leases', leases)).toMatchObject({ created: 3, failed: 0 });
    const ended = await ctx.db.kysely
      .selectFrom('lease')
      .select(['ended_on'])
      .where('external_ref', '=', 'IMP-003')
      .executeTakeFirstOrThrow();
    expect(ended.ended_on).toBe(dayFromToday(-10));
    const tenant = await ctx.db.kysely
      .selectFrom('enterprise')
      .innerJoin('building', 'building.id', 'enterprise.current_building_id')
      .select(['building.name', 'enterprise.building_path', 'building.org_path'])
      .where('credit_code', '=', codes[0]!)
      .executeTakeFirstOrThrow();
    expect(tenant.name).toBe('导入一号楼');
    expect(tenant.building_path).toBe(tenant.org_path);

    const before = await registryFingerprint(ctx.db.kysely);
    const audits = await ctx.db.kysely.selectFrom('audit_log').select('id').execute();
    for (const kind of ['buildings', 'enterprises', 'leases'] as const) {
      const exported = await download(staff, `/api/exports/${kind}`);
      const { rows } = await sheetValues(exported);
      expect(rows.length - 2, kind).toBe(kind === 'buildings' ? 2 : 3);
      const job = await importFile(staff, kind, exported);
      expect(job, kind).toMatchObject({ status: 'done', created: 0, updated: 0, failed: 0, unchanged: kind === 'buildings' ? 2 : 3 });
    }
    expect(await registryFingerprint(ctx.db.kysely)).toBe(before);
    expect(await ctx.db.kysely.selectFrom('audit_log').select('id').execute()).toEqual(audits);
  });

  it('REG-3 REG-9 a changed lease row is recorded as the event it is: area change, renewal, move-out', async () => {
    const [t0] = tree.townships;
    const row = (area: number, end: string, endedOn: string) => [
      'IMP-001',
      '导入一号楼',
      t0,
      codes[0]!,
      '',
      '1201',
      area,
      dayFromToday(-200),
      end,
      72000,
      endedOn,
    ];
    const changed = await imported('leases', [row(900, dayFromToday(1000), '')]);
    expect(changed, JSON.stringify(changed.errors)).toMatchObject({ updated: 1, failed: 0 });
    expect(await imported('leases', [row(900, dayFromToday(1000), dayFromToday(5))])).toMatchObject({ updated: 1, failed: 0 });
    const events = await ctx.db.kysely
      .selectFrom('lease_event')
      .innerJoin('lease', 'lease.id', 'lease_event.lease_id')
      .select(['lease_event.kind', 'lease_event.area_after'])
      .where('lease.external_ref', '=', 'IMP-001')
      .orderBy('lease_event.id')
      .execute();
    expect(events.map((e) => e.kind)).toEqual(['move_in', 'area_change', 'renewal', 'move_out']);
    // An ended lease cannot be changed by a later import.
    const job = await imported('leases', [row(950, dayFromToday(1000), dayFromToday(5))]);
    expect(job).toMatchObject({ updated: 0, failed: 1 });
    expect(job.errors[0]).toMatchObject({ column: '迁出日期', message: expect.stringContaining('结束') });
  });

  it('REG-9 SEC-3 a wrong credit-code check digit is reported on its row and column, in the uploader’s language', async () => {
    const [t0] = tree.townships;
    const good = randomCreditCode();
    const rows = [
      enterprise('福州校验正确有限公司', good, t0),
      enterprise('福州校验错误有限公司', wrongCheckDigit(), t0),
      ['', '', t0, '', '大大型', '三十', '', '', '', '', '2020-13-40'],
    ];
    const job = await imported('enterprises', rows);
    expect(job).toMatchObject({ created: 1, failed: 2, processed: 3 });
    // Row 3 is the template's example: filled rows start at 4.
    expect(job.errors.filter((e) => e.row === 5)).toEqual([
      { row: 5, column: '统一社会信用代码', field: 'creditCode', message: '统一社会信用代码无效（18 位，校验码不符）' },
    ]);
    const bad = job.errors.filter((e) => e.row === 6).map((e) => e.column);
    expect(bad).toEqual(expect.arrayContaining(['企业名称', '统一社会信用代码', '企业规模', '职工人数', '成立日期']));
    const english = await importFile(
      staff,
      'enterprises',
      await appendRows(await download(staff, '/api/imports/templates/enterprises'), [enterprise('Wrong Co', wrongCheckDigit(), t0)]),
      { 'x-locale': 'en' },
    );
    expect(english.errors).toEqual([
      {
        row: 4,
        column: 'Unified social credit code',
        field: 'creditCode',
        message: 'Invalid unified social credit code (18 characters, check digit)',
      },
    ]);
  });

  it('REG-9 a file that is not a workbook, or no file, is refused and starts no job', async () => {
    const { payload, headers } = multipartFile('notes.xlsx', Buffer.from('not a spreadsheet'));
    const res = await staff.request('POST', '/api/imports/enterprises', payload, headers);
    expect(res.statusCode).toBe(400);
    expect((res.json() as { error: { fields: { path: string; message: string }[] } }).error.fields[0]).toMatchObject({
      path: 'file',
      message: expect.stringContaining('xlsx'),
    });
    expect((await staff.request('POST', '/api/imports/enterprises', {})).statusCode).toBe(400);
  });

  it('REG-9 imports run as jobs: 202 at once, then polled to done; the list shows the caller’s own jobs', async () => {
    const file = await appendRows(await download(staff, '/api/imports/templates/enterprises'), [
      enterprise('福州异步导入有限公司', randomCreditCode(), tree.townships[0]),
    ]);
    const { payload, headers } = multipartFile('async.xlsx', file);
    const res = await staff.request('POST', '/api/imports/enterprises', payload, headers);
    expect(res.statusCode).toBe(202);
    const { id } = res.json() as ImportJobView;
    let job = res.json() as ImportJobView;
    while (job.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = (await staff.request('GET', `/api/imports/${id}`)).json() as ImportJobView;
    }
    expect(job).toMatchObject({ status: 'done', totalRows: 1, processed: 1, created: 1 });
    const list = (await staff.request('GET', '/api/imports?limit=200')).json() as { items: { id: string }[]; total: number };
    expect(list.items[0]!.id).toBe(id);
    expect(list.total).toBeGreaterThanOrEqual(8);
  });
});

describe('REG-9 a 2,000-row file', () => {
  it('REG-9 imports 2,000 enterprises in batches with progress, and re-imports them as unchanged', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('企业').addRow(COLUMNS.enterprises.map((c) => c.header['zh-CN']));
    const ws = wb.worksheets[0]!;
    for (let i = 0; i < 2000; i++) ws.addRow(enterprise(`福州批量${i}号有限公司`, randomCreditCode(), tree.townships[0]));
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const t0 = performance.now();
    const job = await importFile(staff, 'enterprises', file);
    const ms = Math.round(performance.now() - t0);
    expect(job).toMatchObject({ status: 'done', totalRows: 2000, processed: 2000, created: 2000, failed: 0 });
    const audits = await ctx.db.kysely
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'import.enterprises')
      .where('entity_id', '=', job.id)
      .execute();
    expect(audits).toHaveLength(4);
    const again = await importFile(staff, 'enterprises', file);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2000 });
    console.info(`2,000 enterprise rows: ${ms} ms on ${ctx.db.backend}`);
  });
});
