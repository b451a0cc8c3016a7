import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../../tests/support/app.ts';
import {
  addNeed,
  addResource,
  createListWorld,
  evidenceUpload,
  proposals,
  type ListWorld,
} from '../../../../tests/support/list-factories.ts';
import { resourceIndexCacheFor } from './cache.ts';
import { raiseMatter } from '../../../../tests/support/matter-factories.ts';

let ctx: TestContext;
let w: ListWorld;
let talentFair: string;
let trainingCourse: string;
let loan: string;

beforeAll(async () => {
  ctx = await createTestApp();
  w = await createListWorld(ctx);
  const [t0, t1] = w.tree.townships;
  // The district's talent bureau offers a fair to the whole district and a course to street 甲; tax offers a loan to street 乙.
  talentFair = await addResource(w.as.talent, { servedRegionCode: w.tree.county, capacity: 5 });
  trainingCourse = await addResource(w.as.talent, {
    title: '电商运营技能培训班',
    description: '跨境电商平台运营实务培训',
    category: 'training',
    servedRegionCode: t0,
    capacity: 30,
  });
  loan = await addResource(w.as.tax, { title: '科技贷', description: '科技型企业信用贷款', category: 'financing', servedRegionCode: t1 });
});
afterAll(async () => ctx?.close());

interface NeedView {
  status: string;
  project: { id: string; progress: number; status: string } | null;
  decisions: { resourceId: string; status: string }[];
  mayConfirm: boolean;
  matterId: string | null;
  complaintMatterId: string | null;
}
const needOf = async (id: string) => (await w.as.building.request('GET', `/api/needs/${id}`)).json() as NeedView;

describe('LST-1 … LST-4 the three lists through the API', () => {
  it('LST-1 LST-3 a need entered by the enterprise gets ranked proposals, each score explained; unrelated or out-of-area resources are not proposed', async () => {
    const need = await addNeed(w.as.enterprise, {});
    const p = await proposals(w.as.enterprise, need);
    const ids = p.items.map((i) => i.resource.id);
    expect(ids[0]).toBe(talentFair);
    expect(ids).toContain(trainingCourse);
    expect(ids).not.toContain(loan);
    const scores = p.items.map((i) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const top = p.items[0]!;
    expect(top.components.map((c) => c.factor)).toEqual(['category', 'text', 'proximity', 'capacity', 'validity', 'area']);
    expect(top.components.reduce((s, c) => s + c.points, 0)).toBeCloseTo(top.score, 1);
    expect(top.components.find((c) => c.factor === 'text')!.reason).toContain('跨境电商');
    expect((await needOf(need)).mayConfirm).toBe(true);
  });

  it('LST-3 a rejected proposal is remembered and never proposed again; confirming it afterwards is refused', async () => {
    const need = await addNeed(w.as.enterprise, { title: '跨境电商人才招聘' });
    const reject = await w.as.enterprise.request('POST', `/api/needs/${need}/reject`, { resourceId: trainingCourse, note: '不需要培训' });
    expect(reject.statusCode, reject.body).toBe(200);
    expect((await proposals(w.as.building, need)).items.map((i) => i.resource.id)).not.toContain(trainingCourse);
    const again = await w.as.building.request('POST', `/api/needs/${need}/confirm`, { resourceId: trainingCourse });
    expect(again.statusCode).toBe(409);
    expect((await needOf(need)).decisions).toEqual([expect.objectContaining({ resourceId: trainingCourse, status: 'rejected' })]);
  });

  it('LST-3 LST-4 the building officer confirms a proposal: capacity is used, a project is created and links back to its need and resource', async () => {
    const need = await addNeed(w.as.enterprise, { quantity: 2 });
    // The enterprise may not commit a provider; the building's officer does.
    expect((await w.as.enterprise.request('POST', `/api/needs/${need}/confirm`, { resourceId: talentFair })).statusCode).toBe(403);
    const res = await w.as.building.request('POST', `/api/needs/${need}/confirm`, {
      resourceId: talentFair,
      projectName: '跨境电商人才引进项目',
    });
    expect(res.statusCode, res.body).toBe(200);
    const { projectId } = res.json() as { projectId: string };
    const view = await needOf(need);
    expect(view.status).toBe('in_project');
    expect(view.project?.id).toBe(projectId);
    const resource = (await w.as.talent.request('GET', `/api/resources/${talentFair}`)).json() as {
      capacityLeft: number;
      matches: { needId: string }[];
    };
    expect(resource.capacityLeft).toBe(3);
    expect(resource.matches.map((m) => m.needId)).toContain(need);
    // The enterprise reads the project serving its need; it names the need and the resource.
    const project = await w.as.enterprise.request('GET', `/api/projects/${projectId}`);
    expect(project.statusCode, project.body).toBe(200);
    const p = project.json() as { needs: { id: string }[]; resources: { id: string }[]; mayEdit: boolean };
    expect(p.needs.map((n) => n.id)).toEqual([need]);
    expect(p.resources.map((r) => r.id)).toEqual([talentFair]);
    expect(p.mayEdit).toBe(false);
    // Confirmed pairs are not proposed again.
    expect((await proposals(w.as.building, need)).items.map((i) => i.resource.id)).not.toContain(talentFair);
  });

  it('LST-4 progress rolls up from weighted milestones and from sub-projects with their weights', async () => {
    const parent = (
      await w.as.building.request('POST', '/api/projects', { name: '楼宇人才服务总项目', milestones: [{ title: '制定方案', weight: 1 }] })
    ).json() as { id: string };
    const child = await w.as.building.request('POST', '/api/projects', {
      name: '人才招聘子项目',
      parentId: parent.id,
      weight: 1,
      milestones: [
        { title: '发布岗位', weight: 1 },
        { title: '面试录用', weight: 3 },
      ],
    });
    expect(child.statusCode, child.body).toBe(201);
    const childId = (child.json() as { id: string }).id;
    const detail = async (id: string) =>
      (await w.as.building.request('GET', `/api/projects/${id}`)).json() as {
        progress: number;
        milestones: { id: string; weight: number }[];
      };
    const heavy = (await detail(childId)).milestones.find((m) => m.weight === 3)!;
    const done = await w.as.building.request('PATCH', `/api/projects/${childId}/milestones/${heavy.id}`, { done: true });
    expect(done.statusCode, done.body).toBe(204);
    expect((await detail(childId)).progress).toBe(75);
    // The parent: its own milestone (not done, weight 1) and the child (weight 1 at 75 %).
    expect((await detail(parent.id)).progress).toBe(37.5);
    // A parent is not its own descendant.
    const cycle = await w.as.building.request('PATCH', `/api/projects/${parent.id}`, { version: 1, parentId: childId });
    expect(cycle.statusCode).toBe(400);
  });

  it('LST-4 closing needs a report and evidence; done closes its needs and the funnel counts every stage', async () => {
    const need = await addNeed(w.as.enterprise, { title: '跨境电商运营人才' });
    const confirm = await w.as.building.request('POST', `/api/needs/${need}/confirm`, { resourceId: trainingCourse });
    const { projectId } = confirm.json() as { projectId: string };
    const before = (await w.as.street.request('GET', `/api/lists/funnel?regionCode=${w.tree.townships[0]}`)).json() as {
      totals: Record<string, number>;
    };

    const early = await w.as.building.request('POST', `/api/projects/${projectId}/close`, { outcome: 'done', report: '已完成培训' });
    expect(early.statusCode).toBe(400);
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    const { payload, headers } = evidenceUpload('签到表.png', png);
    const up = await w.as.building.request('POST', `/api/projects/${projectId}/evidence`, payload, headers);
    expect(up.statusCode, up.body).toBe(201);
    const file = await w.as.building.request('GET', `/api/projects/${projectId}/evidence/${(up.json() as { id: string }).id}`);
    expect(file.rawPayload.equals(png)).toBe(true);
    const close = await w.as.building.request('POST', `/api/projects/${projectId}/close`, { outcome: 'done', report: '培训结业，3人上岗' });
    expect(close.statusCode, close.body).toBe(204);
    const view = await needOf(need);
    expect(view.status).toBe('done');
    expect(view.project).toMatchObject({ status: 'done', progress: 100 });

    const after = (await w.as.street.request('GET', `/api/lists/funnel?regionCode=${w.tree.townships[0]}`)).json() as {
      totals: Record<string, number>;
    };
    expect(after.totals.done).toBe(before.totals.done! + 1);
    expect(after.totals.needs).toBe(before.totals.needs);
    expect(after.totals.needs).toBeGreaterThanOrEqual(after.totals.matched!);
    expect(after.totals.matched).toBeGreaterThanOrEqual(after.totals.inProject!);
    expect(after.totals.inProject).toBeGreaterThanOrEqual(after.totals.done!);
    // The other street's office sees none of it.
    const outside = await w.as.outsideStreet.request('GET', `/api/lists/funnel?regionCode=${w.tree.townships[0]}`);
    expect(outside.statusCode).toBe(404);
  });

  it('LST-3 the street plan proposes within capacities and never scores below the greedy baseline', async () => {
    for (let i = 0; i < 4; i++) await addNeed(w.as.enterprise, { title: `跨境电商人才${i}` });
    const res = await w.as.street.request('POST', '/api/matching/plan', { regionCode: w.tree.townships[0], mode: 'one_to_one' });
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json() as {
      totalScore: number;
      greedy: { totalScore: number };
      matches: { resource: { id: string } }[];
      needs: number;
    };
    expect(plan.needs).toBeGreaterThan(0);
    expect(plan.totalScore).toBeGreaterThanOrEqual(plan.greedy.totalScore);
    const used = plan.matches.map((m) => m.resource.id);
    expect(new Set(used).size).toBe(used.length);
  });

  it('LST-1 MAT-1 a matter spawns a need and a need that is a complaint becomes a matter, linked both ways', async () => {
    const matterId = await raiseMatter(w);
    const spawn = await w.as.building.request('POST', `/api/matters/${matterId}/need`, { category: 'tax' });
    expect(spawn.statusCode, spawn.body).toBe(201);
    const spawned = (spawn.json() as { id: string }).id;
    expect((await needOf(spawned)).matterId).toBe(matterId);
    // Another street's office cannot reach the matter.
    expect((await w.as.outsideStreet.request('POST', `/api/matters/${matterId}/need`, { category: 'tax' })).statusCode).toBe(404);

    const complaint = await addNeed(w.as.enterprise, { title: '楼道照明损坏', description: '五层楼道灯坏了一周无人修', category: 'other' });
    const category = (await ctx.db.kysely.selectFrom('matter_category').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    const turn = await w.as.building.request('POST', `/api/needs/${complaint}/matter`, { categoryId: category });
    expect(turn.statusCode, turn.body).toBe(201);
    const becameMatter = (turn.json() as { matterId: string }).matterId;
    const view = await needOf(complaint);
    expect(view).toMatchObject({ status: 'closed', complaintMatterId: becameMatter });
    const linked = (await w.as.building.request('GET', `/api/matters/${becameMatter}/needs`)).json() as {
      items: { id: string; link: string }[];
    };
    expect(linked.items).toEqual([expect.objectContaining({ id: complaint, link: 'became_matter' })]);
    const fromFirst = (await w.as.building.request('GET', `/api/matters/${matterId}/needs`)).json() as {
      items: { id: string; link: string }[];
    };
    expect(fromFirst.items).toEqual([expect.objectContaining({ id: spawned, link: 'spawned' })]);
  });

  it('LST-1 LST-2 LST-4 lists filter, search in Chinese and export to Excel', async () => {
    const list = (await w.as.building.request('GET', `/api/needs?q=${encodeURIComponent('电商')}&category=talent`)).json() as {
      items: { title: string }[];
      total: number;
    };
    expect(list.total).toBeGreaterThan(0);
    expect(list.items.every((i) => i.title.includes('电商'))).toBe(true);
    for (const url of ['/api/needs/export', '/api/resources/export', '/api/projects/export']) {
      const res = await w.as.street.request('GET', url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    }
  });
  it('LST-2 LST-3 resources added, edited or withdrawn after the matching index was built are proposed as they now are, without a rebuild', async () => {
    const need = await addNeed(w.as.enterprise, {
      title: '知识产权法律咨询',
      description: '商标注册与知识产权纠纷咨询',
      category: 'legal',
    });
    await proposals(w.as.enterprise, need);
    const cache = resourceIndexCacheFor(ctx.deps.kysely);
    const builds = cache.builds;
    const clinic = await addResource(w.as.talent, {
      title: '知识产权法律咨询服务',
      description: '律师事务所提供商标注册和知识产权纠纷咨询',
      category: 'legal',
      servedRegionCode: w.tree.county,
      capacity: 3,
    });
    expect((await proposals(w.as.enterprise, need)).items.map((i) => i.resource.id)).toContain(clinic);
    const detail = (await w.as.talent.request('GET', `/api/resources/${clinic}`)).json() as { version: number };
    const withdraw = await w.as.talent.request('PATCH', `/api/resources/${clinic}`, { version: detail.version, status: 'withdrawn' });
    expect(withdraw.statusCode, withdraw.body).toBe(200);
    expect((await proposals(w.as.enterprise, need)).items.map((i) => i.resource.id)).not.toContain(clinic);
    expect(cache.builds).toBe(builds);
  });
});
