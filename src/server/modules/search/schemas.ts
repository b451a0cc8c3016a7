import { z } from 'zod';

export const searchQuery = z.object({
  q: z.string().trim().min(1).max(50),
  /** Hits per kind. */
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type SearchQuery = z.infer<typeof searchQuery>;

/** A hit names the record and gives a second line; never a phone, an ID number or a birth date. */
const hit = z.object({
  id: z.string(),
  name: z.string(),
  /** The building's street, the enterprise's building, the person's organisation. */
  detail: z.string().nullable(),
  regionCode: z.string(),
});

export const searchSchema = z.object({
  q: z.string(),
  buildings: z.array(hit.extend({ address: z.string() })),
  enterprises: z.array(hit.extend({ creditCode: z.string() })),
  people: z.array(hit),
  /** Whether a kind has more hits than were returned. */
  more: z.object({ buildings: z.boolean(), enterprises: z.boolean(), people: z.boolean() }),
});
