/** Stored status codes (src/domain/policies/compile.ts) by name. */
export const STATUS_NAMES = ['unmet', 'unknown', 'met'] as const;
export type StatusName = (typeof STATUS_NAMES)[number];
