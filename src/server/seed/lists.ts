import { sql, type Transaction } from 'kysely';
import { generateListNeeds, generateListResources, type ListPlace } from '../../domain/lists/generate.ts';
import { rollUpProgress } from '../../domain/lists/progress.ts';
import { buildResourceIndex, rankResources } from '../../domain/lists/resource-index.ts';
import type { ListNeed, ListResource } from '../../domain/lists/types.ts';
import { chinaDate } from '../../domain/time.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import type { Database } from '../db/schema.ts';
import type { NeedStatus, ProviderKind, RequesterKind } from '../db/schema-lists.ts';
import { recordAudit } from '../modules/audit/chain.ts';
import { ARTICLE_NEEDS, ARTICLE_RESOURCES, MILESTONES, titleOf } from './lists-data.ts';
import { seededRandom, type Random } from './random.ts';

/**
 * LST-1 … LST-4 the three lists' demo: needs and resources across the demo buildings
 * (the engine's generator plus the article's kinds — 人才申报, 市场开拓, 技术创新, 产业升级,
 * 党建标准化 — by name for 东街街道), matched by the engine, and projects at every stage:
 * matched without a project, running with milestones part done, done with a report and
 * an evidence file, and a parent project rolling up its children. Bulk inserts inside the
 * foundation seed's transaction; skipped when its marker is present.
 */
export const LISTS_SETTING_KEY = 'demo.lists.seeded';
const LISTS_SEED = 20_260_715;
const NEEDS = 360;
const RESOURCES = 220;
const DAY = 86_400_000;

export interface ListsSeedCounts {
  needs: number;
  resources: number;
  projects: number;
  matches: number;
  /** Time the lists' seed took, recorded in its marker (first start must stay fast). */
  ms: number;
}

interface Org {
  id: string;
  path: string;
  region_code: string;
  name: string;
}

export async function seedListsDemo(
  trx: Transaction<Database>,
  options: { now?: Date; audit?: boolean } = {},
): Promise<ListsSeedCounts | null> {
  const marker = await trx.selectFrom('app_setting').select('key').where('key', '=', LISTS_SETTING_KEY).executeTakeFirst();
  if (marker) return null;
  const t0 = performance.now();
  const now = options.now ?? new Date();
  const asOf = chinaDate(now);
  const rnd = seededRandom(LISTS_SEED);
  const random = () => rnd.next();

  const buildings = await trx
    .selectFrom('building')
    .innerJoin('organisation', 'organisation.id', 'building.party_committee_id')
    .select([
      'building.id',
      'building.region_code',
      'building.org_path',
      'building.name',
      'organisation.id as committee_id',
      'organisation.name as committee_name',
    ])
    .where('building.region_code', 'like', '3501%')
    .orderBy('building.id')
    .execute();
  if (buildings.length === 0) return null;
  const tenants = await trx
    .selectFrom('enterprise')
    .innerJoin('organisation', 'organisation.id', 'enterprise.organisation_id')
    .select([
      'enterprise.organisation_id as id',
      'enterprise.org_path as path',
      'enterprise.region_code',
      'organisation.name',
      'enterprise.current_building_id',
    ])
    .where('enterprise.current_building_id', 'is not', null)
    .orderBy('enterprise.organisation_id')
    .execute();
  const orgs = (kind: 'department' | 'social_organisation') =>
    trx
      .selectFrom('organisation')
      .select(['id', 'path', 'region_code', 'name'])
      .where('kind', '=', kind)
      .where('region_code', 'like', '3501%')
      .orderBy('id')
      .execute();
  const [departments, socials] = await Promise.all([orgs('department'), orgs('social_organisation')]);
  const tenantsOf = new Map<string, typeof tenants>();
  for (const t of tenants) tenantsOf.set(t.current_building_id!, [...(tenantsOf.get(t.current_building_id!) ?? []), t]);
  const buildingById = new Map(buildings.map((b) => [b.id, b]));

  const streets = new Map<string, string[]>();
  for (const b of buildings) streets.set(b.region_code.slice(0, 9), [...(streets.get(b.region_code.slice(0, 9)) ?? []), b.id]);
  const places: ListPlace[] = [...streets.entries()].map(([regionCode, buildingIds]) => ({
    regionCode,
    buildingIds,
    weight: buildingIds.length,
  }));

  // Resources: the generator's, each given a provider of its district; then the article's, by name.
  const generated = generateListResources({ random, count: RESOURCES, places, asOf });
  const resourceRows = generated.map((r) => ({
    resource: r,
    title: titleOf(r.description),
    provider: pickProvider(rnd, r, departments, socials, tenantsOf, buildingById),
  }));
  const dongjie = buildings.find((b) => b.region_code.startsWith('350102004')) ?? buildings[0]!;
  for (const a of ARTICLE_RESOURCES) {
    const provider =
      a.provider === 'department'
        ? (departments.find((d) => d.region_code === '350102' && d.name.includes(a.providerHint)) ?? departments[0]!)
        : { id: dongjie.committee_id, path: dongjie.org_path, region_code: dongjie.region_code, name: dongjie.committee_name };
    const resource: ListResource = {
      id: `a${resourceRows.length}`,
      category: a.category,
      description: `${a.title} ${a.description}`,
      capacityLeft: a.capacity,
      buildingId: a.provider === 'department' ? null : dongjie.id,
      regionCode: provider.region_code,
      servedBuildingId: null,
      servedRegionCode: a.served === 'district' ? '350102' : dongjie.region_code.slice(0, 9),
      validFrom: null,
      validUntil: null,
    };
    resourceRows.push({
      resource,
      title: a.title,
      provider: { org: provider, kind: a.provider === 'department' ? 'department' : 'party_org', buildingId: resource.buildingId },
    });
  }
  const resourceIds = await reserveIds(trx, 'resource_id_seq', resourceRows.length);
  resourceRows.forEach((r, i) => (r.resource = { ...r.resource, id: resourceIds[i]! }));

  // Needs: the generator's, each given a requester in its building; then the article's for the demo enterprise's building.
  const needRows = generateListNeeds({ random, count: NEEDS, places }).map((n) =>
    placeNeed(rnd, n, titleOf(n.description), tenantsOf, buildingById),
  );
  for (const a of ARTICLE_NEEDS) {
    const tenant = (tenantsOf.get(dongjie.id) ?? [])[a.tenant] ?? null;
    const need: ListNeed = {
      id: '',
      category: a.category,
      description: `${a.title} ${a.description}`,
      quantity: a.quantity,
      buildingId: dongjie.id,
      regionCode: dongjie.region_code,
    };
    needRows.push({
      need,
      title: a.title,
      requester: tenant
        ? { kind: 'enterprise', org: tenant, name: tenant.name, enterpriseId: tenant.id }
        : {
            kind: 'party_org',
            org: { id: dongjie.committee_id, path: dongjie.org_path, region_code: dongjie.region_code, name: dongjie.committee_name },
            name: dongjie.committee_name,
            enterpriseId: null,
          },
    });
  }
  const needIds = await reserveIds(trx, 'need_id_seq', needRows.length);
  needRows.forEach((n, i) => (n.need = { ...n.need, id: needIds[i]! }));

  // Matching by the engine, capacities kept; a share of the matched needs moves on to projects.
  const index = buildResourceIndex(resourceRows.map((r) => r.resource));
  const left = new Map(resourceRows.map((r) => [r.resource.id, r.resource.capacityLeft]));
  const createdAt = needRows.map(() => new Date(now.getTime() - Math.floor(rnd.next() * 150) * DAY - rnd.int(0, 8 * 3600) * 1000));
  const stage: NeedStatus[] = needRows.map(() => 'open');
  const matchOf: ({ resourceId: string; score: number; explanation: string } | null)[] = needRows.map(() => null);
  needRows.forEach((row, i) => {
    if (rnd.next() > 0.55) return;
    const hit = rankResources({ need: row.need, resources: index, asOf, limit: 5 }).find((s) => {
      const l = left.get(s.resourceId);
      return s.eligible && (l === null || (l !== undefined && l >= row.need.quantity));
    });
    if (!hit) return;
    const l = left.get(hit.resourceId);
    if (l !== null && l !== undefined) left.set(hit.resourceId, l - row.need.quantity);
    matchOf[i] = {
      resourceId: hit.resourceId,
      score: Math.round(hit.score * 100) / 100,
      explanation: JSON.stringify(
        hit.components.map((c) => ({ factor: c.factor, points: c.points, code: c.reason.code, zh: c.reason.zh, en: c.reason.en })),
      ),
    };
    const ageDays = (now.getTime() - createdAt[i]!.getTime()) / DAY;
    const x = rnd.next();
    stage[i] = x < 0.15 ? 'matched' : x < 0.55 || ageDays < 40 ? 'in_project' : 'done';
  });
  const closed = needRows.map((_, i) => stage[i] === 'open' && rnd.next() < 0.05);

  // Projects: one per need past 'matched'.
  const projectNeeds = needRows.map((_, i) => i).filter((i) => stage[i] === 'in_project' || stage[i] === 'done');
  const projectIds = await reserveIds(trx, 'project_id_seq', projectNeeds.length + 1);
  const projectOf = new Map<number, string>();
  projectNeeds.forEach((i, k) => projectOf.set(i, projectIds[k]!));
  const parentId = projectIds[projectNeeds.length]!;

  const needValues = needRows.map((row, i) => {
    const matched = matchOf[i] ? new Date(createdAt[i]!.getTime() + rnd.int(1, 10) * DAY) : null;
    const done = stage[i] === 'done' && matched ? new Date(Math.min(now.getTime() - DAY, matched.getTime() + rnd.int(20, 60) * DAY)) : null;
    return {
      id: row.need.id,
      code: `XQ${row.need.id.padStart(6, '0')}`,
      title: row.title,
      description: row.need.description,
      category: row.need.category,
      requester_kind: row.requester.kind,
      requester_org_id: row.requester.enterpriseId ? null : (row.requester.org?.id ?? null),
      requester_person_id: null,
      requester_name: row.requester.name,
      quantity: row.need.quantity,
      urgency: rnd.pick(['low', 'normal', 'normal', 'high'] as const),
      building_id: row.need.buildingId,
      enterprise_id: row.requester.enterpriseId,
      region_code: row.need.regionCode,
      org_path: row.need.buildingId ? (buildingById.get(row.need.buildingId)?.org_path ?? '') : '',
      requester_path: row.requester.org?.path ?? '',
      status: closed[i] ? ('closed' as const) : stage[i]!,
      project_id: projectOf.get(i) ?? null,
      matter_id: null,
      complaint_matter_id: null,
      close_reason: closed[i] ? '企业已自行解决' : null,
      entered_by: null,
      matched_at: matched,
      in_project_at: projectOf.has(i) ? matched : null,
      done_at: done,
      closed_at: closed[i] ? new Date(createdAt[i]!.getTime() + 5 * DAY) : null,
      created_at: createdAt[i]!,
      updated_at: done ?? matched ?? createdAt[i]!,
    };
  });

  const projectValues = projectNeeds.map((i) => {
    const n = needValues[i]!;
    const b = n.building_id ? buildingById.get(n.building_id) : undefined;
    const resource = resourceRows.find((r) => r.resource.id === matchOf[i]!.resourceId)!;
    const owner = b ? { id: b.committee_id, path: b.org_path } : { id: resource.provider.org.id, path: resource.provider.org.path };
    const status = stage[i] === 'done' ? ('done' as const) : ('in_progress' as const);
    const milestones = MILESTONES.map((m, k) => ({ ...m, done: status === 'done' || k < rnd.int(0, 2) }));
    const { progress } = rollUpProgress({ status, milestones, children: [] });
    return {
      row: {
        id: projectOf.get(i)!,
        code: `XM${projectOf.get(i)!.padStart(6, '0')}`,
        name: `${n.title}对接项目`,
        description: `${n.title} × ${resource.title}`,
        owner_org_id: owner.id,
        org_path: owner.path,
        building_id: n.building_id,
        region_code: n.region_code,
        parent_id: null as string | null,
        weight: 1,
        status,
        progress,
        started_on: chinaDate(n.matched_at!),
        due_on: chinaDate(new Date(n.matched_at!.getTime() + 60 * DAY)),
        closing_report: status === 'done' ? `已完成对接：${resource.title}，需求方确认满意。` : null,
        closed_at: n.done_at,
        closed_by: null,
        created_by: null,
        created_at: n.matched_at!,
        updated_at: n.done_at ?? n.matched_at!,
      },
      milestones,
      started: n.matched_at!,
    };
  });
  // A parent in the demo enterprise's building rolls up its running projects there, weighted.
  const children = projectValues.filter((p) => p.row.building_id === dongjie.id && p.row.status === 'in_progress').slice(0, 3);
  children.forEach((c, k) => {
    c.row.parent_id = parentId;
    c.row.weight = k + 1;
  });
  const parentProgress = rollUpProgress({
    status: 'in_progress',
    milestones: [{ weight: 1, done: true }],
    children: children.map((c) => ({ weight: c.row.weight, progress: c.row.progress, status: c.row.status })),
  }).progress;

  await trx
    .insertInto('resource')
    .values(
      resourceRows.map((r) => {
        const capacity = r.resource.capacityLeft;
        return {
          id: r.resource.id,
          code: `ZY${r.resource.id.padStart(6, '0')}`,
          title: r.title,
          description: r.resource.description,
          category: r.resource.category,
          provider_kind: r.provider.kind,
          provider_org_id: r.provider.org.id,
          org_path: r.provider.org.path,
          building_id: r.provider.buildingId,
          region_code: r.provider.org.region_code,
          capacity,
          capacity_left: capacity === null ? null : left.get(r.resource.id)!,
          conditions: capacity === null ? '符合条件的企业均可申请' : `名额 ${capacity} 个，先到先得`,
          served_building_id: r.resource.servedBuildingId,
          served_region_code: r.resource.servedRegionCode,
          valid_from: r.resource.validFrom,
          valid_until: r.resource.validUntil,
          created_at: new Date(now.getTime() - 200 * DAY),
        };
      }),
    )
    .execute();
  await trx
    .insertInto('project')
    .values([
      {
        id: parentId,
        code: `XM${parentId.padStart(6, '0')}`,
        name: `${dongjie.name}企业服务提升工程`,
        description: '统筹楼宇内人才、市场、技术等对接项目，按子项目权重汇总进度',
        owner_org_id: dongjie.committee_id,
        org_path: dongjie.org_path,
        building_id: dongjie.id,
        region_code: dongjie.region_code,
        parent_id: null,
        weight: 1,
        progress: parentProgress,
        started_on: chinaDate(new Date(now.getTime() - 90 * DAY)),
        due_on: chinaDate(new Date(now.getTime() + 90 * DAY)),
        created_at: new Date(now.getTime() - 90 * DAY),
      },
      ...projectValues.map((p) => p.row),
    ])
    .execute();
  await trx
    .insertInto('project_milestone')
    .values([
      {
        project_id: parentId,
        title: '制定年度服务方案',
        weight: 1,
        done: true,
        done_at: new Date(now.getTime() - 80 * DAY),
        position: 0,
        due_on: null,
      },
      ...projectValues.flatMap((p) =>
        p.milestones.map((m, k) => ({
          project_id: p.row.id,
          title: m.title,
          weight: m.weight,
          done: m.done,
          done_at: m.done ? new Date(p.started.getTime() + (k + 1) * 7 * DAY) : null,
          due_on: chinaDate(new Date(p.started.getTime() + (k + 1) * 20 * DAY)),
          position: k,
        })),
      ),
    ])
    .execute();
  const doneProjects = projectValues.filter((p) => p.row.status === 'done');
  if (doneProjects.length)
    await trx
      .insertInto('project_evidence')
      .values(
        doneProjects.map((p) => {
          const content = Buffer.from(`${p.row.name}\n验收意见：${p.row.closing_report}\n`, 'utf8');
          return {
            project_id: p.row.id,
            file_name: '验收意见.txt',
            mime_type: 'text/plain',
            size_bytes: content.length,
            sha256: '',
            content,
            created_at: p.row.closed_at!,
          };
        }),
      )
      .execute();
  await trx.executeQuery(sql`UPDATE project_evidence SET sha256 = encode(sha256(content), 'hex') WHERE sha256 = ''`.compile(trx));
  await trx.insertInto('need').values(needValues).execute();
  const matchValues = needRows.flatMap((_, i) => {
    const m = matchOf[i];
    if (!m) return [];
    return [
      {
        need_id: needValues[i]!.id,
        resource_id: m.resourceId,
        status: 'confirmed' as const,
        score: m.score,
        explanation: m.explanation,
        quantity: needValues[i]!.quantity,
        project_id: projectOf.get(i) ?? null,
        decided_at: needValues[i]!.matched_at,
      },
    ];
  });
  if (matchValues.length) await trx.insertInto('need_match').values(matchValues).execute();

  const counts: ListsSeedCounts = {
    needs: needValues.length,
    resources: resourceRows.length,
    projects: projectValues.length + 1,
    matches: matchValues.length,
    ms: Math.round(performance.now() - t0),
  };
  await trx
    .insertInto('app_setting')
    .values({ key: LISTS_SETTING_KEY, value: JSON.stringify({ seed: LISTS_SEED, counts }) })
    .execute();
  if (options.audit !== false)
    await recordAudit(trx, { actor: SYSTEM_ACTOR, action: 'seed.lists', entity: 'seed', entityId: 'lists', after: counts });
  return counts;
}

async function reserveIds(trx: Transaction<Database>, sequence: string, count: number): Promise<string[]> {
  if (count === 0) return [];
  const { rows } = await sql<{ id: string }>`SELECT nextval(${sequence})::text AS id FROM generate_series(1, ${count})`.execute(trx);
  return rows.map((r) => r.id);
}

type Building = { id: string; region_code: string; org_path: string; committee_id: string; committee_name: string };
type Tenant = { id: string; path: string; region_code: string; name: string; current_building_id: string | null };

function pickProvider(
  rnd: Random,
  r: ListResource,
  departments: readonly Org[],
  socials: readonly Org[],
  tenantsOf: ReadonlyMap<string, readonly Tenant[]>,
  buildingById: ReadonlyMap<string, Building>,
): { org: Org; kind: ProviderKind; buildingId: string | null } {
  const district = r.regionCode.slice(0, 6);
  const x = rnd.next();
  const tenants = r.buildingId ? (tenantsOf.get(r.buildingId) ?? []) : [];
  if (x < 0.25 && tenants.length) {
    const t = rnd.pick(tenants);
    return { org: t, kind: 'enterprise', buildingId: r.buildingId };
  }
  const building = r.buildingId ? buildingById.get(r.buildingId) : undefined;
  if (x < 0.35 && building)
    return {
      org: { id: building.committee_id, path: building.org_path, region_code: building.region_code, name: building.committee_name },
      kind: 'party_org',
      buildingId: building.id,
    };
  const local = socials.filter((s) => s.region_code.startsWith(district));
  if (x < 0.5 && local.length) return { org: rnd.pick(local), kind: 'social_organisation', buildingId: null };
  const deps = departments.filter((d) => d.region_code.startsWith(district));
  return { org: rnd.pick(deps.length ? deps : departments), kind: 'department', buildingId: null };
}

function placeNeed(
  rnd: Random,
  n: ListNeed,
  title: string,
  tenantsOf: ReadonlyMap<string, readonly Tenant[]>,
  buildingById: ReadonlyMap<string, Building>,
): { need: ListNeed; title: string; requester: { kind: RequesterKind; org: Org | null; name: string; enterpriseId: string | null } } {
  const building = n.buildingId ? buildingById.get(n.buildingId) : undefined;
  const need = { ...n, regionCode: building?.region_code ?? n.regionCode };
  const tenants = n.buildingId ? (tenantsOf.get(n.buildingId) ?? []) : [];
  const x = rnd.next();
  if (x < 0.7 && tenants.length) {
    const t = rnd.pick(tenants);
    return { need, title, requester: { kind: 'enterprise', org: t, name: t.name, enterpriseId: t.id } };
  }
  if (x < 0.85 && building)
    return {
      need,
      title,
      requester: {
        kind: 'party_org',
        org: { id: building.committee_id, path: building.org_path, region_code: building.region_code, name: building.committee_name },
        name: building.committee_name,
        enterpriseId: null,
      },
    };
  const kind: RequesterKind = n.category === 'talent' ? 'talent' : rnd.next() < 0.5 ? 'employee' : 'party_member';
  return {
    need,
    title,
    requester: {
      kind,
      org: null,
      name: kind === 'talent' ? '引进人才' : kind === 'employee' ? '楼宇员工' : '楼宇党员',
      enterpriseId: null,
    },
  };
}
