/**
 * DSH-1 the county village dashboard's statements on PGlite with the demo villages: p50/p95 of each, and with
 * PLANS=1 their EXPLAIN ANALYZE. `npx tsx bench/explain-villages.ts`. The app now sends them as one statement
 * (src/server/modules/villages/dashboard.ts); these are the parts, written out by hand with the county's scope.
 */
import { sql } from 'kysely';
import os from 'node:os';
import { openDatabase } from '../src/server/db/index.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { loadRegions } from '../src/server/regions/load.ts';
import { seedVillagesDemo } from '../src/server/seed/villages.ts';

const db = await openDatabase({ dataDir: 'memory://' });
await migrate(db.pool);
await loadRegions(db.kysely, ['360732']);
await db.kysely.transaction().execute((trx) => seedVillagesDemo(trx));
const p = '360732%';
const y = new Date().getFullYear();
const qs: [string, string][] = [
  [
    'villages',
    `SELECT vp.region_code, v.name, t.name, vp.is_traditional, (SELECT count(*) FROM traditional_building b WHERE b.region_code = vp.region_code AND b.condition='dangerous') FROM village_profile vp JOIN region v ON v.code = vp.region_code JOIN region t ON t.code = v.parent_code WHERE vp.region_code LIKE '${p}' AND vp.region_code LIKE '360732%' ORDER BY vp.region_code`,
  ],
  [
    'income',
    `SELECT ci.region_code, ci.year, ci.operating_income, vp.is_traditional FROM collective_income ci JOIN village_profile vp ON vp.region_code = ci.region_code WHERE ci.region_code LIKE '${p}' AND vp.region_code LIKE '360732%'`,
  ],
  [
    'funds',
    `SELECT fe.region_code, fe.kind, fe.source_kind, fp.purpose, sum(fe.amount) FROM fund_entry fe JOIN village_profile vp ON vp.region_code = fe.region_code LEFT JOIN fund_project fp ON fp.id = fe.project_id WHERE fe.region_code LIKE '${p}' AND vp.region_code LIKE '360732%' GROUP BY 1,2,3,4`,
  ],
  [
    'performances',
    `SELECT pf.region_code, h.name, to_char(pf.performed_on,'YYYY-MM'), count(*), sum(pf.audience) FROM performance pf JOIN heritage_item h ON h.id = pf.heritage_item_id LEFT JOIN village_profile vp ON vp.region_code = pf.region_code WHERE pf.region_code LIKE '${p}' AND pf.performed_on >= '${y}-01-01' AND pf.performed_on <= '${y}-12-31' GROUP BY 1,2,3`,
  ],
  [
    'visitors',
    `SELECT vc.site_id, vc.region_code, to_char(vc.month,'YYYY-MM'), vc.visitors FROM visitor_count vc JOIN tourism_site ts ON ts.id = vc.site_id JOIN village_profile vp ON vp.region_code = vc.region_code WHERE vc.region_code LIKE '${p}' AND vc.month >= '${y - 1}-01-01' AND vc.month <= '${y}-12-31' AND vp.region_code LIKE '360732%'`,
  ],
  [
    'sites',
    `SELECT ts.id, ts.name, r.name, (SELECT count(*) FROM tourism_guide g WHERE g.site_id = ts.id AND g.active) FROM tourism_site ts JOIN village_profile vp ON vp.region_code = ts.region_code JOIN region r ON r.code = ts.region_code WHERE ts.region_code LIKE '${p}' AND vp.region_code LIKE '360732%' ORDER BY ts.id`,
  ],
  ['thresholds', `SELECT region_code, amount FROM collective_income_threshold WHERE region_code IN ('36','3607','360732')`],
];
console.log(
  'load',
  os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' '),
);
for (const [name, q] of qs) {
  for (let i = 0; i < 20; i++) await sql.raw(q).execute(db.kysely);
  const ts: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t0 = performance.now();
    await sql.raw(q).execute(db.kysely);
    ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  console.log(name.padEnd(14), 'p50', ts[50]!.toFixed(2), 'p95', ts[95]!.toFixed(2));
  if (process.env.PLANS) {
    const plan = await sql.raw(`EXPLAIN ANALYZE ${q}`).execute(db.kysely);
    console.log((plan.rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n'));
  }
}
await db.close();
