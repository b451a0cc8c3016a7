import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import type { Secrets } from '../../auth/secrets.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import { submitMatter } from '../matters/intake.ts';
import { findService } from './queries.ts';
import type { RequestInput } from './schemas.ts';

type Db = Kysely<Database>;

export interface SubmittedRequest {
  matterId: string;
  code: string;
  replyDueAt: Date | null;
  created: boolean;
}

/** `attribute[x]` from form encoding, or `attribute: {x}` from JSON: one map either way. */
export function attributesOf(input: RequestInput): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.attribute ?? {})) out[k] = String(v).trim();
  for (const [k, v] of Object.entries(input)) {
    const m = /^attribute\[([^\]]+)\]$/.exec(k);
    if (m && (typeof v === 'string' || typeof v === 'number')) out[m[1]!] = String(v).trim();
  }
  return out;
}

const CJK = /[\u3400-\u9fff]/;

/** Chinese names read family name first and unspaced; others as the client wrote them. */
export function contactNameOf(first?: string, last?: string): string | null {
  const f = first?.trim() ?? '';
  const l = last?.trim() ?? '';
  if (!f && !l) return null;
  if (CJK.test(f + l)) return `${l}${f}`;
  return [f, l].filter(Boolean).join(' ');
}

/** A mainland number without its +86 / 0086 prefix and separators; other numbers kept as written. */
export function phoneOf(phone?: string): string | null {
  const raw = phone?.trim();
  if (!raw) return null;
  const digits = raw.replace(/[\s\-().]/g, '').replace(/^(\+86|0086)/, '');
  return /^1\d{10}$/.test(digits) ? digits : raw;
}

/** GeoReport has no title: the description's first line, shortened, stands in for it. */
export function titleOf(description: string, serviceName: string): string {
  const line =
    description
      .split(/\r?\n/)
      .find((l) => l.trim())
      ?.trim() ?? '';
  if (!line) return serviceName;
  const chars = [...line];
  return chars.length > 40 ? chars.slice(0, 39).join('') + '…' : line;
}

/**
 * MAT-1 a GeoReport v2 service request becomes a matter, raised by the key's
 * account through the same intake as the portal (source 'open311'): the account
 * places it — an enterprise account's own enterprise, a building account's own
 * building, a region office's region (or `attribute[region_code]` inside it).
 * Idempotency: the Idempotency-Key header, else `attribute[client_request_id]`;
 * a retry with either returns the first request instead of raising a second.
 */
export async function submitServiceRequest(opts: {
  db: Db;
  actor: Actor;
  secrets: Secrets;
  input: RequestInput;
  idempotencyKey?: string | null | undefined;
  now?: Date;
}): Promise<SubmittedRequest> {
  const { db, actor, input } = opts;
  const service = await findService(db, input.service_code);
  if (!service) throw new AppError('validation', { key: 'open311.service_code_unknown', params: { code: input.service_code } });
  if ((input.lat === undefined) !== (input.long === undefined))
    throw new AppError('validation', { fields: [{ path: input.lat === undefined ? 'lat' : 'long', key: 'open311.lat_long_pair' }] });
  const attributes = attributesOf(input);
  const clientKey = opts.idempotencyKey?.trim() || attributes.client_request_id || null;
  const media = input.media_url?.trim();
  const { id, created } = await submitMatter({
    db,
    actor,
    secrets: opts.secrets,
    ...(opts.now ? { now: opts.now } : {}),
    input: {
      categoryId: service.id,
      title: titleOf(input.description, service.name),
      // No column holds a media link; the description carries it where every reader sees it.
      description: media ? `${input.description}\n\n附件 Media: ${media}` : input.description,
      regionCode: attributes.region_code || null,
      contactName: contactNameOf(input.first_name, input.last_name),
      contactPhone: phoneOf(input.phone),
      address: input.address_string || null,
      lat: input.lat ?? null,
      lng: input.long ?? null,
      source: 'open311',
      // Namespaced, so a GeoReport client's keys never meet the portal's for the same account.
      idempotencyKey: clientKey ? `open311:${clientKey.slice(0, 100)}` : null,
    },
  });
  const row = await db.selectFrom('matter').select(['code', 'reply_due_at']).where('id', '=', id).executeTakeFirstOrThrow();
  return { matterId: id, code: row.code, replyDueAt: row.reply_due_at, created };
}
