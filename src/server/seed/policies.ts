import { sql, type Transaction } from 'kysely';
import { samplePolicies } from '../../domain/policies/catalogue-samples.ts';
import type { Qualification } from '../../domain/policies/profile.ts';
import { fieldsUsed } from '../../domain/policies/rule.ts';
import { chinaDate } from '../../domain/time.ts';
import type { Database } from '../db/schema.ts';
import { recomputeAllPolicyResults } from '../modules/policy-results/recompute.ts';
import { REGION } from './demo-data.ts';
import { seededRandom, type Random } from './random.ts';

/**
 * POL-1 … POL-4 demo: 120 policies of the kinds real ones are (samplePolicies),
 * the demo enterprises' revenue, R&D spending and qualifications, results
 * computed and pushed as publishing would, some applications moving along, and
 * a 政策对接会 in 东街街道. Runs in the demo seed's transaction; skipped when its
 * marker is present.
 */
export const POLICY_SETTING_KEY = 'demo.policies.seeded';
const POLICY_DEMO_SEED = 20_260_714;
const POLICY_COUNT = 120;
const TECH = new Set(['63', '64', '65', '73', '74', '75', '27', '35', '39', '40']);

export interface PolicySeedCounts {
  policies: number;
  profiles: number;
  met: number;
  pushes: number;
  applications: number;
}

/** Revenue, R&D spending and qualifications as a registry holds them: often unreported, more so for small firms. */
function profileFor(rnd: Random, e: { size_class: string | null; industry_code: string | null }) {
  const band = { micro: [0.3, 5], small: [5, 40], medium: [40, 300], large: [300, 2000] }[e.size_class ?? 'small'] ?? [5, 40];
  const revenue = rnd.next() < 0.2 ? null : Math.round((band[0]! + rnd.next() * (band[1]! - band[0]!)) * 1e6);
  const tech = TECH.has(e.industry_code ?? '');
  const ratio = tech ? 2 + rnd.next() * 7 : rnd.next() * 1.5;
  const rd = revenue === null || rnd.next() < 0.25 ? null : Math.round((revenue * ratio) / 100);
  let qualifications: Qualification[] | null = null;
  if (rnd.next() > 0.15) {
    const q: Qualification[] = [];
    if (tech && rnd.next() < 0.45) q.push('tech_sme');
    if (tech && rnd.next() < 0.15) q.push('high_tech');
    if (tech && rnd.next() < 0.1) q.push('specialised_sme');
    if (rnd.next() < 0.05) q.push('innovative_sme');
    if (revenue !== null && revenue >= 20e6 && rnd.next() < 0.6) q.push('above_scale');
    if (rnd.next() < 0.2) q.push('tax_credit_a');
    if (e.size_class === 'large' && rnd.next() < 0.3) q.push('headquarters');
    qualifications = q;
  }
  return { revenue, rd, qualifications };
}

export async function seedPoliciesDemo(trx: Transaction<Database>, options: { today?: string } = {}) {
  const t0 = performance.now();
  const marker = await trx.selectFrom('app_setting').select('key').where('key', '=', POLICY_SETTING_KEY).executeTakeFirst();
  if (marker) return { seeded: false, counts: null, ms: Math.round(performance.now() - t0) };
  const today = options.today ?? chinaDate();
  const rnd = seededRandom(POLICY_DEMO_SEED);

  // Profiles for every demo enterprise; the enterprise account's company is a growing software firm.
  const enterprises = await trx
    .selectFrom('enterprise as e')
    .innerJoin('organisation as o', 'o.id', 'e.organisation_id')
    .select(['e.organisation_id as id', 'e.size_class', 'e.industry_code', 'o.name'])
    .orderBy('e.organisation_id')
    .execute();
  const rows = enterprises.map((e) => {
    if (e.name === '福州榕信数据科技有限公司')
      return { id: e.id, revenue: 42_000_000, rd: 2_520_000, qualifications: ['tech_sme', 'specialised_sme'] as Qualification[] };
    const p = profileFor(rnd, e);
    return { id: e.id, ...p };
  });
  if (rows.length > 0)
    await sql`
      INSERT INTO enterprise_profile (enterprise_id, revenue, rd_spending, qualifications, reported_year)
      SELECT e, r, d, CASE WHEN q IS NULL THEN NULL ELSE string_to_array(q, ',') END, ${Number(today.slice(0, 4)) - 1}
      FROM unnest(${rows.map((r) => r.id)}::bigint[], ${rows.map((r) => r.revenue)}::numeric[], ${rows.map((r) => r.rd)}::numeric[],
                  ${rows.map((r) => (r.qualifications === null ? null : r.qualifications.join(',')))}::text[]) AS t(e, r, d, q)
      ON CONFLICT (enterprise_id) DO NOTHING`.execute(trx);

  // The catalogue: only policies whose region is loaded (a national policy has none).
  const regions = new Set(
    (await trx.selectFrom('region').select('code').where('level', 'in', ['province', 'city', 'county']).execute()).map((r) => r.code),
  );
  const samples = samplePolicies({ count: POLICY_COUNT, random: rnd.next }).map((p) => {
    const code = p.level === 'national' ? null : regionOfSample(p.rule, p.level);
    return { ...p, code };
  });
  const usable = samples.filter((p) => p.code === null || regions.has(p.code));
  const published = new Date(`${today}T09:00:00+08:00`);
  const inserted = await trx
    .insertInto('policy')
    .values(
      usable.map((p, i) => {
        const amount = /(\d+)\s*万元/.exec(p.benefit);
        const draft = i % 25 === 24;
        return {
          title: p.title,
          issuer: p.issuer,
          level: p.level,
          region_code: p.code,
          valid_from: `${Number(today.slice(0, 4)) - 1}-01-01`,
          valid_to: `${Number(today.slice(0, 4)) + 1}-12-31`,
          beneficiaries: '在本地登记注册、依法纳税的企业',
          benefit: p.benefit,
          benefit_amount: amount ? Number(amount[1]) * 10_000 : null,
          full_text: `${p.title}。${p.benefit}。符合条件的企业按规定享受，具体以发文单位解释为准。`,
          mode: p.mode,
          // Open for application from the demo's first day: one to five months ahead, with one in ten closed last month.
          deadline: p.mode === 'application' ? daysAfter(today, i % 10 === 9 ? -20 : 30 * (1 + (i % 5))) : null,
          contact: `${p.issuer} 0591-8${String(1000000 + i * 7919).slice(1)}`,
          status: draft ? ('draft' as const) : ('published' as const),
          rule: JSON.stringify(p.rule),
          fields_used: fieldsUsed(p.rule),
          version: draft ? 1 : 2,
          published_at: draft ? null : new Date(published.getTime() - (usable.length - i) * 86_400_000),
          created_at: published,
          updated_at: published,
        };
      }),
    )
    .returning(['id', 'version', 'status', 'title', 'issuer', 'level', 'region_code', 'mode'])
    .execute();
  await trx
    .insertInto('policy_history')
    .values(
      inserted.flatMap((p) => [
        { policy_id: p.id, version: 1, action: 'create' as const, snapshot: JSON.stringify(p), actor_user_id: null, actor_name: '系统' },
        ...(p.status === 'published'
          ? [
              {
                policy_id: p.id,
                version: 2,
                action: 'publish' as const,
                snapshot: JSON.stringify(p),
                actor_user_id: null,
                actor_name: '系统',
              },
            ]
          : []),
      ]),
    )
    .execute();

  // Results and pushes as publishing each policy would have made them (免申即享 grants included).
  const results = await recomputeAllPolicyResults({ trx, asOf: today });
  // Today's date-driven recomputation is what was just done: the daily job starts from tomorrow.
  await trx
    .insertInto('policy_date_run')
    .values({ as_of: today, policies: results.policies, changed: results.written })
    .onConflict((oc) => oc.column('as_of').doNothing())
    .execute();

  // Some enterprises applied for what they qualify for; some were granted.
  const candidates = await sql<{
    policy_id: string;
    enterprise_id: string;
    region_code: string;
    org_path: string;
    benefit_amount: string | null;
  }>`
    SELECT r.policy_id::text, r.enterprise_id::text, e.region_code, e.org_path, p.benefit_amount::text
    FROM policy_result r JOIN policy p ON p.id = r.policy_id JOIN enterprise e ON e.organisation_id = r.enterprise_id
    WHERE r.gap = 0 AND p.mode <> 'automatic' ORDER BY r.policy_id, r.enterprise_id LIMIT 400`.execute(trx);
  const picked = candidates.rows.filter(() => rnd.next() < 0.35);
  const applications = picked.map((c, i) => {
    const status = (['pending', 'submitted', 'submitted', 'granted', 'granted'] as const)[i % 5]!;
    const submitted = status === 'pending' ? null : `${today.slice(0, 4)}-0${1 + (i % 5)}-${String(5 + (i % 20)).padStart(2, '0')}`;
    const amount = c.benefit_amount === null ? 50_000 : Number(c.benefit_amount);
    return {
      policy_id: c.policy_id,
      enterprise_id: c.enterprise_id,
      status,
      requested_amount: status === 'pending' ? null : amount,
      granted_amount: status === 'granted' ? amount : null,
      submitted_on: submitted,
      granted_on: status === 'granted' ? today : null,
      region_code: c.region_code,
      org_path: c.org_path,
    };
  });
  if (applications.length > 0)
    await trx
      .insertInto('policy_application')
      .values(applications)
      .onConflict((oc) => oc.columns(['policy_id', 'enterprise_id']).doNothing())
      .execute();

  // A 政策对接会 in 东街街道 on three policies the street's enterprises qualify for.
  const meetingPolicies = await sql<{ policy_id: string }>`
    SELECT r.policy_id::text FROM policy_result r JOIN enterprise e ON e.organisation_id = r.enterprise_id
    WHERE e.region_code LIKE ${REGION.dongjie + '%'} GROUP BY r.policy_id ORDER BY count(*) DESC, r.policy_id LIMIT 3`.execute(trx);
  if (
    meetingPolicies.rows.length > 0 &&
    (await trx.selectFrom('region').select('code').where('code', '=', REGION.dongjie).executeTakeFirst())
  ) {
    const meeting = await trx
      .insertInto('policy_meeting')
      .values({
        title: '东街街道楼宇企业惠企政策对接会',
        held_at: new Date(`${today}T14:30:00+08:00`),
        venue: '东街金融大厦 党群服务中心',
        region_code: REGION.dongjie,
        notes: '邀请符合或接近符合条件的楼宇企业，现场解读并辅导申报。',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ids = meetingPolicies.rows.map((r) => r.policy_id);
    await trx
      .insertInto('policy_meeting_policy')
      .values(ids.map((policy_id) => ({ meeting_id: meeting.id, policy_id })))
      .execute();
    await sql`
      INSERT INTO policy_meeting_invite (meeting_id, enterprise_id, reason, attended)
      SELECT ${meeting.id}, r.enterprise_id, CASE WHEN min(r.gap) = 0 THEN 'eligible' ELSE 'nearly' END, CASE WHEN min(r.gap) = 0 THEN true END
      FROM policy_result r JOIN enterprise e ON e.organisation_id = r.enterprise_id
      WHERE r.policy_id = ANY(${ids}::bigint[]) AND e.region_code LIKE ${REGION.dongjie + '%'} GROUP BY r.enterprise_id`.execute(trx);
  }

  const counts: PolicySeedCounts = {
    policies: inserted.length,
    profiles: rows.length,
    met: results.met,
    pushes: results.pushed,
    applications: applications.length,
  };
  const ms = Math.round(performance.now() - t0);
  // The time is kept beside the counts: first start should stay quick.
  await trx
    .insertInto('app_setting')
    .values({ key: POLICY_SETTING_KEY, value: JSON.stringify({ seed: POLICY_DEMO_SEED, today, counts, ms }) })
    .execute();
  return { seeded: true, counts, ms };
}

/** The region a sample policy's rule confines it to (its first `within` of registered region), or null. */
function regionOfSample(rule: unknown, level: string): string | null {
  const text = JSON.stringify(rule);
  const m = /"field":"(?:regionCode|buildingRegionCode)","op":"within","values":\["(\d{6})"\]/.exec(text);
  if (m) return m[1]!;
  return level === 'province' ? '350000' : level === 'city' ? '350100' : null;
}

/** The China date `days` after a 'YYYY-MM-DD' date. */
function daysAfter(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
