import { randomBytes } from 'node:crypto';
import type { Agent, TestContext } from './app.ts';
import { createMatterWorld, type MatterWorld } from './matter-factories.ts';

/**
 * LST-1 … LST-4 a matters world (city → district → two streets, a building with two
 * leasing enterprises, district tax and talent bureaus, a signed-in user at every desk)
 * plus helpers to enter needs and resources through the API.
 */
export type ListWorld = MatterWorld;

export async function createListWorld(ctx: TestContext): Promise<ListWorld> {
  return createMatterWorld(ctx);
}

async function created(res: { statusCode: number; body: string; json(): unknown }, what: string): Promise<string> {
  if (res.statusCode !== 201) throw new Error(`${what} failed ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

export async function addNeed(agent: Agent, body: Record<string, unknown>): Promise<string> {
  return created(
    await agent.request('POST', '/api/needs', {
      title: '招聘跨境电商运营人才',
      description: '急需3名跨境电商运营，熟悉亚马逊平台',
      category: 'talent',
      quantity: 1,
      ...body,
    }),
    'need',
  );
}

export async function addResource(agent: Agent, body: Record<string, unknown>): Promise<string> {
  return created(
    await agent.request('POST', '/api/resources', {
      title: '跨境电商人才专场招聘会',
      description: '面向楼宇企业的跨境电商运营人才招聘',
      category: 'talent',
      capacity: 10,
      ...body,
    }),
    'resource',
  );
}

export interface ProposalView {
  items: { resource: { id: string; title: string }; score: number; components: { factor: string; points: number; reason: string }[] }[];
}

export async function proposals(agent: Agent, needId: string): Promise<ProposalView> {
  const res = await agent.request('GET', `/api/needs/${needId}/proposals`);
  if (res.statusCode !== 200) throw new Error(`proposals failed ${res.statusCode} ${res.body}`);
  return res.json() as ProposalView;
}

/** A multipart body with one file in the field "file". */
export function evidenceUpload(
  fileName: string,
  content: Buffer,
  type = 'image/png',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----hongtu${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
