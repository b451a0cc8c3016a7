import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { Locale, MatterCategoryTable } from '../../db/schema.ts';
import { t } from '../../i18n/messages.ts';
import type { ServiceRequestRow } from './queries.ts';
import type { serviceRequestSchema, serviceSchema } from './schemas.ts';

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** ISO 8601 in China time with its offset (2026-01-05T09:30:00+08:00), as the standard asks for an explicit zone. */
export function chinaIso(at: Date | string): string {
  return new Date(new Date(at).getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19) + '+08:00';
}

/** A deadline as people read it: 2026-01-05 17:30 (China time). */
function chinaMinute(at: Date | string): string {
  return new Date(new Date(at).getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** Closed or withdrawn is closed to a GeoReport client; every other step of the workflow is open. */
export function open311Status(status: string): 'open' | 'closed' {
  return status === 'closed' || status === 'withdrawn' ? 'closed' : 'open';
}

/** What the requester is promised: the reply deadline (MAT-4 reply clock) while it runs. */
export function serviceNotice(replyDueAt: Date | string | null, locale: Locale): string | null {
  return replyDueAt ? t(locale, 'open311.service_notice', { due: chinaMinute(replyDueAt) }) : null;
}

/** Categories are the services; they take no extra attributes, so metadata is false and every request is realtime. */
export function presentService(c: Selectable<MatterCategoryTable>, locale: Locale): z.infer<typeof serviceSchema> {
  return {
    service_code: c.code,
    service_name: locale === 'en' ? c.name_en : c.name,
    description: c.description,
    metadata: false,
    type: 'realtime',
    keywords: c.kind,
    group: c.grp,
  };
}

export function presentServiceRequest(row: ServiceRequestRow, locale: Locale): z.infer<typeof serviceRequestSchema> {
  const status = open311Status(row.status);
  // The requester is answered when the reply clock stops: that is when their request is fulfilled to them.
  const expected = row.reply_due_at ?? row.resolution_due_at;
  return {
    service_request_id: row.code,
    status,
    status_notes: row.last_note,
    service_name: locale === 'en' ? row.service_name_en : row.service_name,
    service_code: row.service_code,
    description: row.description,
    agency_responsible: row.handler_name,
    service_notice: status === 'open' ? serviceNotice(row.reply_due_at, locale) : null,
    requested_datetime: chinaIso(row.created_at),
    updated_datetime: chinaIso(row.updated_at),
    expected_datetime: status === 'open' && expected ? chinaIso(expected) : null,
    address: row.address,
    address_id: null,
    zipcode: null,
    lat: row.lat,
    long: row.lng,
    media_url: null,
  };
}
