import { z } from 'zod';

/** Shared boundary schemas. Ids are bigint in the database and strings on the wire. */
export const idSchema = z.string().regex(/^[1-9]\d{0,17}$/, 'error.not_found');
export const idParams = z.object({ id: idSchema });

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

export const regionCodeSchema = z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, 'field.region_unknown');
export const dateSchema = z.iso.date();
/** A trimmed, non-empty text of at most `max` characters. */
export const text = (max: number) => z.string().trim().min(1).max(max);

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });
