import { z } from 'zod';

/**
 * MAT-4 / MAT-6 time limits (时限) of a matter's three clocks, per category kind ×
 * level × priority, in working minutes.
 *
 * The default table follows the practice of 12345 政务服务便民热线 and of
 * enterprise service lanes (重点企业服务直通车): a handler signs for a matter
 * within one working day; the enterprise hears back (规定时间反馈企业) within two
 * working days for a consultation and four for other matters; key enterprises
 * get a shorter lane and urgent matters a shorter one still; the higher the level
 * that resolves a matter, the more coordination it needs, so the longer its
 * resolution limit. docs/matters-clocks.md has the table.
 *
 * Limits in days are multiplied by the installation's working-day length, so
 * "one working day" stays one working day when office hours change.
 */

export const MATTER_LEVELS = ['building', 'street', 'district', 'city'] as const;
export type MatterLevel = (typeof MATTER_LEVELS)[number];

export const MATTER_PRIORITIES = ['normal', 'urgent', 'key_enterprise'] as const;
export type MatterPriority = (typeof MATTER_PRIORITIES)[number];

/** 咨询 · 服务诉求 · 投诉: what a category asks of its handler. */
export const CATEGORY_KINDS = ['consultation', 'service', 'complaint'] as const;
export type CategoryKind = (typeof CATEGORY_KINDS)[number];

export const CATEGORY_KIND_LABELS: Readonly<Record<CategoryKind, { 'zh-CN': string; en: string }>> = {
  consultation: { 'zh-CN': '咨询', en: 'consultation' },
  service: { 'zh-CN': '服务诉求', en: 'service request' },
  complaint: { 'zh-CN': '投诉', en: 'complaint' },
};

export interface Limits {
  signForMinutes: number;
  resolutionMinutes: number;
  replyMinutes: number;
}

export type LimitsTable = Record<CategoryKind, Record<MatterLevel, Record<MatterPriority, Limits>>>;

/** Only the cells an installation changes; the rest come from the defaults. */
export type LimitsOverrides = {
  [K in CategoryKind]?: { [L in MatterLevel]?: { [P in MatterPriority]?: Partial<Limits> } };
};

/** The default working-day length (Fuzhou office hours, 6.5 hours) the exported DEFAULT_LIMITS are built with. */
export const DEFAULT_DAY_MINUTES = 390;

/** A limit written in working days, or in working hours for the urgent lane's sign-for. */
type Span = { days: number } | { hours: number };

interface KindDefaults {
  signFor: Span;
  reply: Span;
  /** Resolution by level: building, street, district, city. */
  resolution: readonly [number, number, number, number];
}

const DEFAULTS: Record<MatterPriority, Record<CategoryKind, KindDefaults>> = {
  normal: {
    consultation: { signFor: { days: 1 }, reply: { days: 2 }, resolution: [2, 2, 3, 3] },
    service: { signFor: { days: 1 }, reply: { days: 4 }, resolution: [5, 7, 10, 15] },
    complaint: { signFor: { days: 1 }, reply: { days: 4 }, resolution: [5, 7, 10, 15] },
  },
  key_enterprise: {
    consultation: { signFor: { hours: 4 }, reply: { days: 1 }, resolution: [1, 1, 2, 2] },
    service: { signFor: { hours: 4 }, reply: { days: 2 }, resolution: [3, 5, 7, 10] },
    complaint: { signFor: { hours: 4 }, reply: { days: 2 }, resolution: [3, 5, 7, 10] },
  },
  urgent: {
    consultation: { signFor: { hours: 2 }, reply: { days: 1 }, resolution: [1, 1, 2, 2] },
    service: { signFor: { hours: 2 }, reply: { days: 1 }, resolution: [2, 3, 5, 7] },
    complaint: { signFor: { hours: 2 }, reply: { days: 1 }, resolution: [2, 3, 5, 7] },
  },
};

function minutesOf(span: Span, dayMinutes: number): number {
  return 'days' in span ? span.days * dayMinutes : span.hours * 60;
}

/** The default table for a working day of `dayMinutes` (the calendar's dayMinutes). */
export function buildDefaultLimits(dayMinutes: number = DEFAULT_DAY_MINUTES): LimitsTable {
  const table = {} as LimitsTable;
  for (const kind of CATEGORY_KINDS) {
    const byLevel = {} as LimitsTable[CategoryKind];
    MATTER_LEVELS.forEach((level, li) => {
      const byPriority = {} as LimitsTable[CategoryKind][MatterLevel];
      for (const priority of MATTER_PRIORITIES) {
        const d = DEFAULTS[priority][kind];
        byPriority[priority] = {
          signForMinutes: minutesOf(d.signFor, dayMinutes),
          resolutionMinutes: (d.resolution[li] as number) * dayMinutes,
          replyMinutes: minutesOf(d.reply, dayMinutes),
        };
      }
      byLevel[level] = byPriority;
    });
    table[kind] = byLevel;
  }
  return table;
}

export const DEFAULT_LIMITS: LimitsTable = buildDefaultLimits();

/** One table per working-day length: every step and every matter of a sweep asks for one. */
const defaultsByDay = new Map<number, LimitsTable>([[DEFAULT_DAY_MINUTES, DEFAULT_LIMITS]]);
function defaultLimitsFor(dayMinutes: number): LimitsTable {
  let table = defaultsByDay.get(dayMinutes);
  if (!table) defaultsByDay.set(dayMinutes, (table = buildDefaultLimits(dayMinutes)));
  return table;
}

/** The limits of one matter: the override's cells where it has them, the defaults elsewhere. */
export function resolveLimits(opts: {
  table?: LimitsOverrides | null;
  categoryKind: CategoryKind;
  level: MatterLevel;
  priority: MatterPriority;
  /** The calendar's working-day length, for the defaults; DEFAULT_DAY_MINUTES when omitted. */
  dayMinutes?: number;
}): Limits {
  const defaults = opts.dayMinutes === undefined ? DEFAULT_LIMITS : defaultLimitsFor(opts.dayMinutes);
  const base = defaults[opts.categoryKind][opts.level][opts.priority];
  const cell = opts.table?.[opts.categoryKind]?.[opts.level]?.[opts.priority];
  return { ...base, ...stripUndefined(cell) };
}

function stripUndefined(cell: Partial<Limits> | undefined): Partial<Limits> {
  if (!cell) return {};
  return Object.fromEntries(Object.entries(cell).filter(([, v]) => v !== undefined)) as Partial<Limits>;
}

/** Longer than a working year is a typing mistake, not a limit. */
export const MAX_LIMIT_MINUTES = 250 * 24 * 60;

const minutes = z.number().int().positive().max(MAX_LIMIT_MINUTES);
const cellSchema = z.strictObject({ signForMinutes: minutes, resolutionMinutes: minutes, replyMinutes: minutes }).partial();

function partialRecord<K extends string, V extends z.ZodType>(keys: readonly K[], value: V) {
  return z.strictObject(Object.fromEntries(keys.map((k) => [k, value.optional()])) as Record<K, z.ZodOptional<V>>);
}

/** An overrides table as an administrator may store it: known keys only, whole positive minutes. */
export const limitsOverridesSchema = partialRecord(
  CATEGORY_KINDS,
  partialRecord(MATTER_LEVELS, partialRecord(MATTER_PRIORITIES, cellSchema)),
);

export interface LimitsIssue {
  path: (string | number)[];
  message: string;
}

/** Validates an overrides table; issues name the cell and field (e.g. ['service', 'city', 'urgent', 'replyMinutes']). */
export function validateLimitsOverrides(value: unknown): { ok: true; overrides: LimitsOverrides } | { ok: false; issues: LimitsIssue[] } {
  const result = limitsOverridesSchema.safeParse(value);
  if (result.success) return { ok: true, overrides: result.data as LimitsOverrides };
  return {
    ok: false,
    issues: result.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message })),
  };
}
