import { z } from 'zod';
import { idSchema, text } from '../../http/schemas.ts';

/** GeoReport v2 picks the format by the resource's extension: `services.json`, `requests/ID.xml`. */
export const formatSchema = z.enum(['json', 'xml']);
export type Open311Format = z.infer<typeof formatSchema>;

export const formatParams = z.object({ format: formatSchema });
export const serviceParams = z.object({ service_code: z.string().trim().min(1).max(64), format: formatSchema });
export const requestParams = z.object({ service_request_id: z.string().trim().min(1).max(40), format: formatSchema });

/** Every GeoReport call may carry these; we serve one jurisdiction, so jurisdiction_id is accepted and ignored. */
const common = {
  jurisdiction_id: z.string().max(200).optional(),
  api_key: z.string().max(200).optional(),
};

export const servicesQuery = z.object({ jurisdiction_id: common.jurisdiction_id });

/** ISO 8601 date-times as the standard writes them; a date alone means its midnight in China. */
const isoDateTime = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const value = /^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00+08:00` : s;
    const at = new Date(value);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(at.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'open311.date_time_format' });
      return z.NEVER;
    }
    return at;
  });

/** A comma-separated list, as the standard passes several ids or codes. */
const commaList = (max: number) =>
  z
    .string()
    .max(4000)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().max(64)).max(max));

export const requestsQuery = z.object({
  ...common,
  service_request_id: commaList(200).optional(),
  service_code: commaList(50).optional(),
  start_date: isoDateTime.optional(),
  end_date: isoDateTime.optional(),
  status: commaList(2)
    .pipe(z.array(z.enum(['open', 'closed'])))
    .optional(),
});

export const requestQuery = z.object(common);

/** A number as form encoding sends it (a string) or as JSON does. */
const coordinate = (limit: number) =>
  z.preprocess(
    (v) => (v === '' || v === null ? undefined : typeof v === 'string' ? Number(v.trim()) : v),
    z.number().min(-limit).max(limit).optional(),
  );

const optionalText = (max: number) => z.string().trim().max(max).optional();

/**
 * POST requests: the standard's fields, form-encoded or JSON. `attribute[code]`
 * fields arrive as flat keys from form encoding (kept by the catch-all) or as an
 * `attribute` object from JSON clients.
 */
export const requestInput = z
  .object({
    ...common,
    service_code: z.string().trim().min(1).max(64),
    lat: coordinate(90),
    long: coordinate(180),
    address_string: optionalText(200),
    address_id: optionalText(100),
    email: optionalText(200),
    device_id: optionalText(200),
    account_id: optionalText(100),
    first_name: optionalText(40),
    last_name: optionalText(40),
    phone: optionalText(30),
    description: text(4000),
    media_url: z.string().trim().max(1000).url().or(z.literal('')).optional(),
    attribute: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  })
  .catchall(z.unknown());
export type RequestInput = z.infer<typeof requestInput>;

export const idempotencyHeaders = z.object({ 'idempotency-key': z.string().trim().min(1).max(100).optional() });

// ---- JSON responses (the XML ones carry the same fields) ----

export const open311ErrorsSchema = z.array(z.object({ code: z.number().int(), description: z.string() }));

export const serviceSchema = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.literal('realtime'),
  keywords: z.string(),
  group: z.string(),
});

export const serviceDefinitionSchema = z.object({ service_code: z.string(), attributes: z.array(z.never()) });

export const postResultSchema = z.array(
  z.object({ service_request_id: z.string(), service_notice: z.string().nullable(), account_id: z.string().nullable() }),
);

export const serviceRequestSchema = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string().nullable(),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string(),
  agency_responsible: z.string().nullable(),
  service_notice: z.string().nullable(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string().nullable(),
  address: z.string().nullable(),
  address_id: z.string().nullable(),
  zipcode: z.string().nullable(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: z.string().nullable(),
});

export const discoverySchema = z.object({
  changeset: z.string(),
  contact: z.string(),
  key_service: z.string(),
  endpoints: z.array(
    z.object({ specification: z.string(), url: z.string(), changeset: z.string(), type: z.string(), formats: z.array(z.string()) }),
  ),
});

// ---- the administrators' key endpoints under /api ----

export const keyInput = z.object({ name: text(100), userId: idSchema });

export const keySchema = z.object({
  id: z.string(),
  name: z.string(),
  keyHint: z.string(),
  user: z.object({ id: z.string(), username: z.string(), displayName: z.string(), role: z.string() }),
  regionCode: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});

export const createdKeySchema = keySchema.extend({
  /** The key itself: shown this once, only its hash is kept. */
  apiKey: z.string(),
});
