import { FIELD_LABELS, PARTY_ORG_LABELS, QUALIFICATION_LABELS, SIZE_LABELS } from '../../../domain/policies/messages.ts';
import { PARTY_ORG_STATUSES, QUALIFICATIONS, SIZE_CLASSES } from '../../../domain/policies/profile.ts';
import type { Locale } from '../../api/types.ts';
import type { BracketNode, ConditionNode, RuleNode } from '../../api/policies.ts';

/**
 * POL-2 what the rule editor offers per field: its kind, operators and value
 * choices — the rule language of docs/policies-rules.md as pickers, so an
 * officer never types JSON.
 */
export type FieldKind = 'industry' | 'enum' | 'region' | 'number' | 'date' | 'set' | 'boolean' | 'building';

export const RULE_FIELDS: { field: string; kind: FieldKind }[] = [
  { field: 'industryCode', kind: 'industry' },
  { field: 'sizeClass', kind: 'enum' },
  { field: 'regionCode', kind: 'region' },
  { field: 'registeredOn', kind: 'date' },
  { field: 'staffCount', kind: 'number' },
  { field: 'revenue', kind: 'number' },
  { field: 'rdSpending', kind: 'number' },
  { field: 'rdRatio', kind: 'number' },
  { field: 'qualifications', kind: 'set' },
  { field: 'inBuilding', kind: 'boolean' },
  { field: 'buildingId', kind: 'building' },
  { field: 'buildingRegionCode', kind: 'region' },
  { field: 'movedInOn', kind: 'date' },
  { field: 'partyOrgStatus', kind: 'enum' },
  { field: 'isKeyEnterprise', kind: 'boolean' },
  { field: 'isNonPublic', kind: 'boolean' },
];

export const NUMBER_FIELDS = ['staffCount', 'revenue', 'rdSpending', 'rdRatio'];

export const OPS: Record<FieldKind, string[]> = {
  industry: ['prefix_in', 'not_prefix_in'],
  enum: ['in', 'not_in'],
  building: ['in', 'not_in'],
  region: ['within', 'not_within'],
  number: ['gte', 'gt', 'lte', 'lt', 'between'],
  date: ['years_at_least', 'years_less_than', 'on_or_after', 'on_or_before'],
  set: ['has_any', 'has_all', 'has_none'],
  boolean: ['is_true', 'is_false'],
};

export const OP_LABELS: Record<string, [string, string]> = {
  prefix_in: ['属于', 'is in'],
  not_prefix_in: ['不属于', 'is not in'],
  in: ['为其一', 'is one of'],
  not_in: ['不为', 'is none of'],
  within: ['位于', 'lies within'],
  not_within: ['不位于', 'lies outside'],
  gte: ['≥', '≥'],
  gt: ['>', '>'],
  lte: ['≤', '≤'],
  lt: ['<', '<'],
  between: ['介于', 'between'],
  years_at_least: ['满（年）', 'at least (years)'],
  years_less_than: ['不满（年）', 'under (years)'],
  on_or_after: ['不早于', 'on or after'],
  on_or_before: ['不晚于', 'on or before'],
  has_any: ['具备任一', 'has any of'],
  has_all: ['全部具备', 'has all of'],
  has_none: ['均不具备', 'has none of'],
  is_true: ['是', 'yes'],
  is_false: ['否', 'no'],
};

const idx = (locale: Locale) => (locale === 'en' ? 'en' : 'zh-CN');

export function fieldLabel(field: string, locale: Locale): string {
  const labels = FIELD_LABELS as Record<string, Record<'zh-CN' | 'en', string>>;
  return labels[field]?.[idx(locale)] ?? field;
}

export function kindOf(field: string): FieldKind {
  return RULE_FIELDS.find((f) => f.field === field)?.kind ?? 'number';
}

export function valueOptions(field: string, locale: Locale): { value: string; label: string }[] {
  const l = idx(locale);
  if (field === 'sizeClass') return SIZE_CLASSES.map((v) => ({ value: v, label: SIZE_LABELS[v][l] }));
  if (field === 'partyOrgStatus') return PARTY_ORG_STATUSES.map((v) => ({ value: v, label: PARTY_ORG_LABELS[v][l] }));
  if (field === 'qualifications') return QUALIFICATIONS.map((v) => ({ value: v, label: QUALIFICATION_LABELS[v][l] }));
  return [];
}

/** A fresh condition over `field` with its first operator and an empty value. */
export function newCondition(field = 'qualifications'): ConditionNode {
  const kind = kindOf(field);
  const op = OPS[kind][0]!;
  if (kind === 'number') return { kind: 'condition', field, op, value: 0 };
  if (kind === 'date') return { kind: 'condition', field, op, value: 1 };
  if (kind === 'boolean') return { kind: 'condition', field, op };
  return { kind: 'condition', field, op, values: [] };
}

/** The operator changed: keep what still fits, reset the rest. */
export function withOp(c: ConditionNode, op: string): ConditionNode {
  const kind = kindOf(c.field);
  if (kind === 'number') {
    if (op === 'between') return { kind: 'condition', field: c.field, op, min: typeof c.value === 'number' ? c.value : 0, max: 0 };
    return { kind: 'condition', field: c.field, op, value: typeof c.value === 'number' ? c.value : (c.min ?? 0) };
  }
  if (kind === 'date') {
    const years = op.startsWith('years');
    return {
      kind: 'condition',
      field: c.field,
      op,
      value: years ? (typeof c.value === 'number' ? c.value : 1) : typeof c.value === 'string' ? c.value : '',
    };
  }
  return { ...c, op };
}

/** 高新技术企业认定: R&D ratio ≥ 5 % / 4 % / 3 % of revenue up to ¥50M / ¥200M / above — the usual starting point. */
export function newBracket(): BracketNode {
  return {
    kind: 'bracket',
    field: 'rdRatio',
    op: 'gte',
    by: 'revenue',
    bands: [
      { upTo: 50_000_000, inclusive: true, threshold: 5 },
      { upTo: 200_000_000, inclusive: true, threshold: 4 },
    ],
    otherwise: 3,
  };
}

export function emptyRule(): RuleNode {
  return { kind: 'and', rules: [newCondition('regionCode')] };
}
