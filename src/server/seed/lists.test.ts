import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../tests/support/db.ts';
import { rollUpProgress } from '../../domain/lists/progress.ts';
import { createSecrets } from '../auth/secrets.ts';
import type { Db } from '../db/index.ts';
import { loadRegions } from '../regions/load.ts';
import { seedDemo } from './demo.ts';
import { seedListsDemo } from './lists.ts';

/** LST-1 … LST-4 the demo's three lists: every stage present, consistent, seeded once. */
let db: Db;

beforeAll(async () => {
  db = await createTestDb();
  await loadRegions(db.kysely, ['350100', '360732']);
  await seedDemo({ kysely: db.kysely, secrets: createSecrets(randomBytes(32)) });
}, 600_000);
afterAll(() => db?.close());

describe('LST-1 … LST-4 demo lists', () => {
  it('LST-1 LST-2 LST-4 needs and resources of the article’s kinds, and needs and projects at every stage', async () => {
    const k = db.kysely;
    const statuses = await k
      .selectFrom('need')
      .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('status')
      .execute();
    expect(new Set(statuses.map((s) => s.status))).toEqual(new Set(['open', 'matched', 'in_project', 'done', 'closed']));
    const projects = await k
      .selectFrom('project')
      .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('status')
      .execute();
    expect(new Set(projects.map((p) => p.status))).toEqual(new Set(['in_progress', 'done']));
    const titles = (await k.selectFrom('resource').select('title').execute()).map((r) => r.title).join('|');
    for (const kind of ['人才申报', '市场开拓', '技术创新', '产业升级', '党建标准化']) expect(titles).toContain(kind);
    // Every project past 'matched' has its need; every done project its evidence; capacities never go negative.
    const orphan = await k
      .selectFrom('project')
      .select('id')
      .where('parent_id', 'is', null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('need').select('id').whereRef('need.project_id', '=', 'project.id'))))
      .execute();
    expect(orphan).toHaveLength(1); // the parent project
    const doneWithout = await k
      .selectFrom('project')
      .select('id')
      .where('status', '=', 'done')
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('project_evidence').select('id').whereRef('project_evidence.project_id', '=', 'project.id'))),
      )
      .execute();
    expect(doneWithout).toHaveLength(0);
    expect(await k.selectFrom('resource').select('id').where('capacity_left', '<', 0).execute()).toHaveLength(0);
  });

  it('LST-4 the parent project rolls up its children with their weights', async () => {
    const parent = await db.kysely
      .selectFrom('project')
      .selectAll()
      .where(
        'id',
        '=',
        (await db.kysely.selectFrom('project').select('parent_id').where('parent_id', 'is not', null).executeTakeFirstOrThrow()).parent_id!,
      )
      .executeTakeFirstOrThrow();
    const children = await db.kysely
      .selectFrom('project')
      .select(['weight', 'progress', 'status'])
      .where('parent_id', '=', parent.id)
      .execute();
    const milestones = await db.kysely
      .selectFrom('project_milestone')
      .select(['weight', 'done'])
      .where('project_id', '=', parent.id)
      .execute();
    const expected = rollUpProgress({
      status: parent.status,
      milestones: milestones.map((m) => ({ weight: Number(m.weight), done: m.done })),
      children: children.map((c) => ({ weight: Number(c.weight), progress: Number(c.progress), status: c.status })),
    });
    expect(children.length).toBeGreaterThan(0);
    expect(Number(parent.progress)).toBeCloseTo(expected.progress, 2);
  });

  it('LST-1 seeding again does nothing (its marker)', async () => {
    const result = await db.kysely.transaction().execute((trx) => seedListsDemo(trx));
    expect(result).toBeNull();
    const marker = await db.kysely
      .selectFrom('app_setting')
      .select('value')
      .where('key', '=', 'demo.lists.seeded')
      .executeTakeFirstOrThrow();
    console.log('lists demo seed', JSON.stringify(marker.value));
  });
});
