import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Agent, type TestContext } from '../../../../tests/support/app.ts';
import { createRegionTree, createUser, type RegionTree } from '../../../../tests/support/factories.ts';
import { ABANDONED_AFTER_MS } from './jobs.ts';

/** REG-9 an import whose worker died (a crash, a restart) does not stay "running" forever. */
let ctx: TestContext;
let tree: RegionTree;
let owner: { id: string; agent: Agent };
let other: { id: string; agent: Agent };

beforeAll(async () => {
  ctx = await createTestApp();
  tree = await createRegionTree(ctx.db.kysely);
  const a = await createUser(ctx.db.kysely, { role: 'street', regionCode: tree.townships[0] });
  const b = await createUser(ctx.db.kysely, { role: 'street', regionCode: tree.townships[1] });
  owner = { id: a.id, agent: await login(ctx.app, a.username, a.password) };
  other = { id: b.id, agent: await login(ctx.app, b.username, b.password) };
});
afterAll(() => ctx.close());

/** A job as the database holds it when its process stopped `silentMs` ago, halfway through. */
async function runningJob(userId: string, silentMs: number): Promise<string> {
  const beat = new Date(Date.now() - silentMs);
  const row = await ctx.db.kysely
    .insertInto('import_job')
    .values({
      kind: 'enterprises',
      file_name: '企业名录.xlsx',
      status: 'running',
      total_rows: 5000,
      processed: 2500,
      created: 2400,
      failed: 1,
      errors: JSON.stringify([{ row: 17, column: '统一社会信用代码', field: 'creditCode', message: '统一社会信用代码无效' }]),
      actor_user_id: userId,
      region_code: tree.townships[0],
      created_at: beat,
      heartbeat_at: beat,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('REG-9 import jobs whose worker is gone', () => {
  it('REG-9 a running job silent past the limit reads as failed with a message to import again; its counts and earlier row errors stay', async () => {
    const stale = await runningJob(owner.id, ABANDONED_AFTER_MS + 60_000);
    const res = await owner.agent.request('GET', `/api/imports/${stale}`);
    expect(res.statusCode, res.body).toBe(200);
    const job = res.json() as {
      status: string;
      processed: number;
      created: number;
      finishedAt: string | null;
      errors: { row: number; message: string }[];
    };
    expect(job).toMatchObject({ status: 'failed', processed: 2500, created: 2400 });
    expect(job.finishedAt).not.toBeNull();
    expect(job.errors.map((e) => e.row)).toEqual([17, 0]);
    expect(job.errors[1]!.message).toBe(
      '导入进程已中断（服务重启或故障），任务已终止：已完成的批次已保存，请重新导入同一文件，已导入的行不会重复写入',
    );
    // Read again: failed once, the message is not repeated.
    const again = (await owner.agent.request('GET', `/api/imports/${stale}`)).json() as { errors: unknown[] };
    expect(again.errors).toHaveLength(2);
  });

  it('REG-9 a job whose worker still beats stays running; the list shows both states', async () => {
    const alive = await runningJob(owner.id, 5_000);
    const stale = await runningJob(owner.id, ABANDONED_AFTER_MS + 1_000);
    const list = (await owner.agent.request('GET', '/api/imports?limit=50', undefined, { 'x-locale': 'en' })).json() as {
      items: { id: string; status: string }[];
    };
    const status = Object.fromEntries(list.items.map((j) => [j.id, j.status]));
    expect([status[alive], status[stale]]).toEqual(['running', 'failed']);
    const detail = (await owner.agent.request('GET', `/api/imports/${stale}`)).json() as { errors: { message: string }[] };
    expect(detail.errors.at(-1)!.message).toMatch(/^The import was cut off/);
  });

  it('REG-9 SEC-1 reading one’s own jobs settles only one’s own: another user’s abandoned job waits for its owner, in its owner’s language', async () => {
    const theirs = await runningJob(other.id, ABANDONED_AFTER_MS * 2);
    await owner.agent.request('GET', '/api/imports');
    const untouched = await ctx.db.kysely.selectFrom('import_job').select('status').where('id', '=', theirs).executeTakeFirstOrThrow();
    expect(untouched.status).toBe('running');
    const mine = (await other.agent.request('GET', `/api/imports/${theirs}`)).json() as { status: string };
    expect(mine.status).toBe('failed');
  });
});
