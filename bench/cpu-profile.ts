/**
 * Reads a V8 CPU profile (.cpuprofile) and adds up self time by who spends it:
 * PGlite, node-postgres, Kysely, Zod, Fastify, metrics, our code, Node core, GC.
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface CostShare {
  name: string;
  ms: number;
  /** Share of the busy (non-idle) time. */
  percent: number;
}

export interface ProfileSummary {
  busyMs: number;
  idleMs: number;
  categories: CostShare[];
  functions: CostShare[];
}

const RULES: [RegExp, string][] = [
  [/^wasm:\/\/|@electric-sql\/pglite/, 'PGlite (PostgreSQL in WASM and its JS glue)'],
  [/node_modules\/(pg|pg-protocol|pg-pool|pg-types|pgpass|postgres-[a-z]+|buffer-writer|packet-reader)\//, 'node-postgres (wire protocol, type parsing)'],
  [/node_modules\/kysely\//, 'Kysely (query building, compiling, result mapping)'],
  [/node_modules\/(zod|fastify-type-provider-zod)\//, 'Zod (validation, response serialisation)'],
  [/node_modules\/(prom-client|tdigest|bintrees)\//, 'prom-client (metrics hook)'],
  [/node_modules\/(pino|pino-std-serializers|sonic-boom|thread-stream|fast-redact|quick-format-unescaped|atomic-sleep|on-exit-leak-free)\//, 'pino (request log)'],
  [/node_modules\/(@fastify\/cookie|cookie|cookie-signature)\//, '@fastify/cookie (cookie parsing)'],
  [/node_modules\/(fastify|find-my-way|light-my-request|avvio|@fastify\/[\w-]+|fast-json-stringify|fast-querystring|safe-regex2|ret|toad-cache|abstract-logging|process-warning|rfdc|secure-json-parse|content-type|fast-uri|json-schema-ref-resolver)\//, 'Fastify and its plugins'],
  [/\/src\/server\//, 'our server code (src/server)'],
  [/\/src\/domain\//, 'our domain code (src/domain)'],
  [/\/node_modules\/(tsx|esbuild|get-tsconfig)\//, 'tsx loader'],
  [/^node:/, 'Node core (http, net, streams, timers)'],
];

function category(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (functionName === '(idle)') return '(idle)';
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(program)') return 'V8 and native (unattributed)';
  for (const [pattern, name] of RULES) if (pattern.test(url)) return name;
  if (url === '') return 'native built-ins (syscalls, Buffer, crypto)';
  if (url.includes('node_modules/')) return `other: ${url.split('node_modules/').pop()!.split('/')[0]}`;
  return 'other';
}

export function summariseProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const categories = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const cat = category(frame);
    categories.set(cat, (categories.get(cat) ?? 0) + us);
    if (cat === '(idle)') continue;
    const where = frame.url ? `${frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(src|bench)\//, '$1/')}:${frame.lineNumber + 1}` : 'native';
    const key = `${frame.functionName || '(anonymous)'} ${where}`;
    functions.set(key, (functions.get(key) ?? 0) + us);
  }
  const idleUs = categories.get('(idle)') ?? 0;
  categories.delete('(idle)');
  const busyUs = [...categories.values()].reduce((a, b) => a + b, 0);
  const share = (entries: Map<string, number>, limit: number): CostShare[] =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, us]) => ({ name, ms: us / 1000, percent: (100 * us) / Math.max(1, busyUs) }));
  return { busyMs: busyUs / 1000, idleMs: idleUs / 1000, categories: share(categories, 50), functions: share(functions, top) };
}

export function readProfile(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}
