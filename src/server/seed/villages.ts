import { sql, type Insertable, type Transaction } from 'kysely';
import { chinaDate } from '../../domain/time.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import type { Database } from '../db/schema.ts';
import { recordAudit } from '../modules/audit/chain.ts';
import {
  VILLAGE_DEMO,
  GUANTIAN,
  XINGGUO,
  GUANTIAN_BRANCH,
  SOURCE_SHARES,
  PURPOSE_SHARES,
  PAYEES,
  HERITAGE,
  PERFORMANCES_THIS_YEAR,
  GUIDES,
  VISITORS_SINCE_LAST_YEAR,
} from './villages-data.ts';
import { personName, seededRandom, XINGGUO_SURNAMES, type Random } from './random.ts';

/**
 * DSH-3 the demo's traditional villages of 兴国县 with the article's figures, computed from
 * records: 9 traditional villages, 7 with 2022 collective operating income above ¥300,000 and
 * 5 (东韶村 among them) above ¥500,000; ¥20M+ protection funds received, allocated to planning,
 * infrastructure and building protection and partly spent against vouchers; 官田中央兵工厂旧址
 * with 6 guides and 45,000+ visitors since the start of last year; 30+ performances of 兴国山歌,
 * 兴国端戏 and 兴国提线木偶 this year. Village codes are the real ones; listing batches, incomes
 * and ledger lines are illustrative. Runs inside the foundation seed's transaction; skipped
 * when its marker is there.
 */
export const VILLAGES_SETTING_KEY = 'demo.villages.seeded';
const VILLAGES_SEED = 20_260_712;
// Any constant, distinct from the other seed locks.
const VILLAGES_SEED_LOCK = 4_801_712;

export interface VillagesSeedCounts {
  villages: number;
  fundEntries: number;
  performances: number;
  visitors: number;
}

const yuan = (fen: number) => Math.round(fen) / 100;
const pad = (n: number) => String(n).padStart(2, '0');

/** A date between two ISO dates, inclusive. */
function dateBetween(rnd: Random, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return new Date(a + Math.floor(rnd.next() * (Math.max(0, b - a) / 86_400_000 + 1)) * 86_400_000).toISOString().slice(0, 10);
}

export async function seedVillagesDemo(
  trx: Transaction<Database>,
  options: { today?: string; audit?: boolean } = {},
): Promise<VillagesSeedCounts | null> {
  await sql`SELECT pg_advisory_xact_lock(${VILLAGES_SEED_LOCK})`.execute(trx);
  const marker = await trx.selectFrom('app_setting').select('key').where('key', '=', VILLAGES_SETTING_KEY).executeTakeFirst();
  if (marker) return null;
  const present = new Set(
    (
      await trx
        .selectFrom('region')
        .select('code')
        .where(
          'code',
          'in',
          VILLAGE_DEMO.map((v) => v.code),
        )
        .execute()
    ).map((r) => r.code),
  );
  if (!present.has(GUANTIAN)) return null;
  const rnd = seededRandom(VILLAGES_SEED);
  const today = options.today ?? chinaDate();
  const year = Number(today.slice(0, 4));
  const branch = await trx.selectFrom('organisation').select(['id', 'path']).where('name', '=', GUANTIAN_BRANCH).executeTakeFirst();
  const counts: VillagesSeedCounts = { villages: 0, fundEntries: 0, performances: 0, visitors: 0 };

  await trx
    .insertInto('collective_income_threshold')
    .values([300_000, 500_000].map((amount) => ({ region_code: XINGGUO, amount })))
    .onConflict((oc) => oc.doNothing())
    .execute();

  for (const v of VILLAGE_DEMO.filter((x) => present.has(x.code))) {
    counts.villages++;
    const own = v.code === GUANTIAN && branch;
    await trx
      .insertInto('village_profile')
      .values({
        region_code: v.code,
        party_org_id: own ? branch.id : null,
        org_path: own ? branch.path : '',
        is_traditional: true,
        listing_level: v.listing[0],
        listing_batch: v.listing[1],
        summary: own ? '中央兵工厂旧址所在地，红色文化与客家古村并存。' : '',
        households: rnd.int(260, 620),
        population: rnd.int(1100, 2600),
        funds_published: v.code === GUANTIAN,
      })
      .execute();
    await trx
      .insertInto('village_plan')
      .values({
        region_code: v.code,
        title: '传统村落保护发展规划',
        status: 'implementing',
        approved_on: `20${rnd.int(19, 21)}-0${rnd.int(3, 9)}-15`,
        period_from: 2020,
        period_to: 2035,
        document_name: '保护发展规划（批复稿）.pdf',
      })
      .execute();
    const buildings = await trx
      .insertInto('traditional_building')
      .values(
        v.buildings.map(([name, era, condition]) => ({
          region_code: v.code,
          name,
          era,
          condition,
          inspected_on: `${year - 1}-1${rnd.int(0, 2)}-0${rnd.int(1, 9)}`,
        })),
      )
      .returning(['id', 'name'])
      .execute();
    await trx
      .insertInto('village_rules')
      .values([
        {
          region_code: v.code,
          version: 1,
          title: '村规民约',
          body: '一、爱护古建筑，不私拆乱建。\n二、保护古树名木和水系。\n三、移风易俗，婚丧从简。',
          adopted_on: '2018-03-12',
          adopted_by: '村民代表大会',
          is_current: false,
        },
        {
          region_code: v.code,
          version: 2,
          title: '村规民约（2022 年修订）',
          body: '一、爱护古建筑，修缮须报村委会审核，不私拆乱建。\n二、保护古树名木和水系。\n三、传统村落范围内禁止违规用火，柴草远离木质墙体。\n四、移风易俗，婚丧从简。\n五、积极参与人居环境整治，门前三包。',
          adopted_on: '2022-04-20',
          adopted_by: '村民代表大会',
          is_current: true,
        },
      ])
      .execute();

    // VIL-2 the ledger: sources, allocations to three projects, spendings against vouchers.
    const fundFen = v.funds * 100;
    let seq = 0;
    const entries: Insertable<Database['fund_entry']>[] = [];
    for (const [kind, share, from] of SOURCE_SHARES) {
      entries.push({
        region_code: v.code,
        kind: 'source',
        amount: yuan(fundFen * share),
        entry_on: dateBetween(rnd, '2019-03-01', '2021-12-31'),
        source_kind: kind,
        counterparty: from,
      });
    }
    const projects = await trx
      .insertInto('fund_project')
      .values(
        PURPOSE_SHARES.map(([purpose, , name]) => ({
          region_code: v.code,
          name,
          purpose,
          building_id: purpose === 'building_protection' ? (buildings[0]?.id ?? null) : null,
        })),
      )
      .returning(['id', 'purpose'])
      .execute();
    for (const p of projects) {
      const share = PURPOSE_SHARES.find(([purpose]) => purpose === p.purpose)![1];
      const allocated = Math.round(fundFen * share);
      entries.push({
        region_code: v.code,
        kind: 'allocation',
        project_id: p.id,
        amount: yuan(allocated),
        entry_on: dateBetween(rnd, '2022-01-01', '2022-03-31'),
      });
      // About two thirds of each project is spent, in three to five payments.
      const payments = rnd.int(3, 5);
      let left = Math.round(allocated * (0.6 + rnd.next() * 0.15));
      for (let i = 0; i < payments; i++) {
        const amount = i === payments - 1 ? left : Math.round((left / (payments - i)) * (0.7 + rnd.next() * 0.6));
        left -= amount;
        seq++;
        entries.push({
          region_code: v.code,
          kind: 'spending',
          project_id: p.id,
          amount: yuan(amount),
          entry_on: dateBetween(rnd, '2022-04-01', `${year - 1}-12-31`),
          counterparty: rnd.pick(PAYEES[p.purpose]),
          voucher_no: `${v.code.slice(-6)}-${String(seq).padStart(3, '0')}`,
          attachment_name: `记账凭证${String(seq).padStart(3, '0')}（合同、发票、验收单）.pdf`,
        });
      }
    }
    await trx.insertInto('fund_entry').values(entries).execute();
    counts.fundEntries += entries.length;

    // VIL-3 five years of collective income around 2022's figure.
    await trx
      .insertInto('collective_income')
      .values(
        [2021, 2022, 2023, 2024, 2025]
          .filter((y) => y < year)
          .map((y) => ({
            region_code: v.code,
            year: y,
            operating_income: y === 2022 ? v.income2022 : Math.round((v.income2022 * (1 + (y - 2022) * 0.09)) / 100) * 100,
            total_income: Math.round((v.income2022 * 1.35 * (1 + (y - 2022) * 0.07)) / 100) * 100,
          })),
      )
      .execute();
  }

  // 官田村: posts and holders, the responsibility chain, the ordnance-factory site, guides and visitors.
  const members = branch
    ? await trx
        .selectFrom('person')
        .select(['id'])
        .where('organisation_id', '=', branch.id)
        .where('is_party_member', '=', true)
        .orderBy('id')
        .execute()
    : [];
  const posts = await trx
    .insertInto('village_post')
    .values([
      {
        region_code: GUANTIAN,
        kind: 'pioneer_post',
        name: '古建筑巡查先锋岗',
        duty: '每周巡查传统建筑，发现险情当日上报',
        commitment: '守护古村一砖一瓦',
      },
      { region_code: GUANTIAN, kind: 'pioneer_post', name: '消防安全先锋岗', duty: '入户排查用火用电隐患', commitment: '隐患不过夜' },
      { region_code: GUANTIAN, kind: 'model_post', name: '红色讲解示范岗', duty: '兵工厂旧址义务讲解', commitment: '讲好官田红色故事' },
    ])
    .returning('id')
    .execute();
  const holders = posts.flatMap((p, i) =>
    members.slice(i * 2, i * 2 + 2).map((m) => ({ post_id: p.id, person_id: m.id, since: '2023-01-01' })),
  );
  if (holders.length) await trx.insertInto('village_post_holder').values(holders).execute();
  const chainPeople = await trx
    .selectFrom('post')
    .innerJoin('organisation', 'organisation.id', 'post.organisation_id')
    .select(['post.person_id', 'organisation.name', 'post.title'])
    .where('organisation.name', 'in', ['中共兴国县委组织部', '中共兴国县兴莲乡委员会', GUANTIAN_BRANCH])
    .orderBy('post.id')
    .execute();
  const government = await trx.selectFrom('organisation').select('id').where('name', '=', '兴国县人民政府').executeTakeFirst();
  const chain = [
    {
      level: 'county_leader' as const,
      person_id: chainPeople.find((p) => p.name === '中共兴国县委组织部')?.person_id ?? null,
      organisation_id: null,
      duty: '县级领导包乡联村',
    },
    {
      level: 'township_leader' as const,
      person_id: chainPeople.find((p) => p.name === '中共兴国县兴莲乡委员会')?.person_id ?? null,
      organisation_id: null,
      duty: '乡镇领导驻点结对',
    },
    { level: 'department' as const, person_id: null, organisation_id: government?.id ?? null, duty: '县直部门结对帮扶' },
    {
      level: 'village_secretary' as const,
      person_id: chainPeople.find((p) => p.name === GUANTIAN_BRANCH && p.title.includes('书记'))?.person_id ?? null,
      organisation_id: null,
      duty: '村党组织书记牵头落实',
    },
  ].filter((c) => c.person_id !== null || c.organisation_id !== null);
  if (chain.length)
    await trx
      .insertInto('village_responsibility')
      .values(chain.map((c) => ({ region_code: GUANTIAN, ...c, since: '2022-01-01' })))
      .execute();

  const site = await trx
    .insertInto('tourism_site')
    .values({
      region_code: GUANTIAN,
      name: '官田中央兵工厂旧址',
      kind: 'red_education',
      description: '中央兵工厂旧址、兵工博物馆、红色文化墙、党建长廊、游客中心；党史党性教育现场教学点',
      opened_on: '2021-06-30',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('tourism_guide')
    .values(
      Array.from({ length: GUIDES }, (_, i) => ({
        site_id: site.id,
        region_code: GUANTIAN,
        name: personName(rnd, XINGGUO_SURNAMES, i % 2 ? 'male' : 'female'),
        since: '2021-06-01',
      })),
    )
    .execute();
  // Visitors since January of last year up to last month, seasonal, adding up to the article's 45,000+.
  const months: string[] = [];
  for (let y = year - 1, m = 1; y < year || m < Number(today.slice(5, 7)); m === 12 ? ((y += 1), (m = 1)) : (m += 1))
    months.push(`${y}-${pad(m)}-01`);
  const weights = months.map((m) => ([3, 4, 5, 7, 10].includes(Number(m.slice(5, 7))) ? 1.6 : 1) * (0.85 + rnd.next() * 0.3));
  const sum = weights.reduce((s, w) => s + w, 0);
  const visitors = weights.map((w) => Math.floor((VISITORS_SINCE_LAST_YEAR * w) / sum));
  visitors[visitors.length - 1]! += VISITORS_SINCE_LAST_YEAR - visitors.reduce((s, n) => s + n, 0);
  await trx
    .insertInto('visitor_count')
    .values(months.map((month, i) => ({ site_id: site.id, region_code: GUANTIAN, month, visitors: visitors[i]! })))
    .execute();
  counts.visitors = VISITORS_SINCE_LAST_YEAR;

  // VIL-4 heritage items of the county, their inheritors, and this year's performances across the villages.
  const items = await trx
    .insertInto('heritage_item')
    .values(
      HERITAGE.map((h) => ({
        region_code: XINGGUO,
        name: h.name,
        category: h.category,
        level: h.level,
        listed_year: h.year,
        description: h.description,
      })),
    )
    .returning(['id', 'name'])
    .execute();
  await trx
    .insertInto('inheritor')
    .values(
      items.flatMap((it, i) =>
        Array.from({ length: 2 }, (_, k) => ({
          heritage_item_id: it.id,
          region_code: XINGGUO,
          name: personName(rnd, XINGGUO_SURNAMES, k ? 'female' : 'male'),
          level: k === 0 ? HERITAGE[i]!.level : ('county' as const),
          since_year: 2010 + i * 2 + k,
        })),
      ),
    )
    .execute();
  const villages = VILLAGE_DEMO.filter((x) => present.has(x.code));
  const names = new Map(
    (
      await trx
        .selectFrom('region')
        .select(['code', 'name'])
        .where(
          'code',
          'in',
          villages.map((v) => v.code),
        )
        .execute()
    ).map((r) => [r.code, r.name]),
  );
  await trx
    .insertInto('performance')
    .values(
      Array.from({ length: PERFORMANCES_THIS_YEAR }, (_, i) => {
        const item = items[i % items.length]!;
        const village = villages[i % villages.length]!;
        return {
          heritage_item_id: item.id,
          region_code: village.code,
          title: `${item.name}活态展演`,
          performed_on: dateBetween(rnd, `${year}-01-01`, today),
          place: `${names.get(village.code) ?? ''}${rnd.pick(['文化广场', '祠堂', '古戏台', '新时代文明实践站'])}`,
          audience: rnd.int(120, 900),
        };
      }),
    )
    .execute();
  counts.performances = PERFORMANCES_THIS_YEAR;

  await trx
    .insertInto('app_setting')
    .values({ key: VILLAGES_SETTING_KEY, value: JSON.stringify({ seed: VILLAGES_SEED, today, counts }) })
    .execute();
  if (options.audit !== false)
    await recordAudit(trx, { actor: SYSTEM_ACTOR, action: 'seed.villages', entity: 'seed', entityId: 'villages', after: counts });
  return counts;
}
