import { z } from 'zod';
import { FUND_ENTRY_KINDS, FUND_PURPOSES, FUND_SOURCE_KINDS } from '../../db/schema-villages.ts';
import { dateSchema, idSchema, pageQuery, regionCodeSchema } from '../../http/schemas.ts';
import { moneySchema, positiveMoney } from './schemas.ts';

/** VIL-2 the protection-funds ledger. */
export const fundProjectInput = z.object({
  name: z.string().trim().min(1).max(100),
  purpose: z.enum(FUND_PURPOSES),
  buildingId: idSchema.nullable().optional(),
});
export type FundProjectInput = z.infer<typeof fundProjectInput>;

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
export const fundEntryInput = z.object({
  kind: z.enum(FUND_ENTRY_KINDS),
  amount: positiveMoney,
  entryOn: dateSchema,
  projectId: idSchema.nullable().optional(),
  sourceKind: z.enum(FUND_SOURCE_KINDS).nullable().optional(),
  /** Who the money came from (a source) or went to (a spending's payee). */
  counterparty: z.string().trim().max(200).optional(),
  voucherNo: optionalText(50),
  attachmentName: optionalText(200),
  note: optionalText(1000),
  overdraftNote: optionalText(1000),
});
export type FundEntryInput = z.infer<typeof fundEntryInput>;

export const fundLedgerQuery = z.object({ kind: z.enum(FUND_ENTRY_KINDS).optional(), ...pageQuery });
export type FundLedgerQuery = z.infer<typeof fundLedgerQuery>;

const money = z.number();
const purposeTotals = z.object({ purpose: z.enum(FUND_PURPOSES), allocated: money, spent: money, balance: money });
export const fundProjectSchema = z.object({
  id: z.string(),
  name: z.string(),
  purpose: z.enum(FUND_PURPOSES),
  buildingId: z.string().nullable(),
  allocated: money,
  spent: money,
  balance: money,
});
export const fundTotalsSchema = z.object({
  received: money,
  allocated: money,
  spent: money,
  unallocated: money,
  balance: money,
  bySource: z.array(z.object({ sourceKind: z.enum(FUND_SOURCE_KINDS), amount: money })),
  byPurpose: z.array(purposeTotals),
});
export const fundEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(FUND_ENTRY_KINDS),
  amount: money,
  entryOn: z.string(),
  projectId: z.string().nullable(),
  projectName: z.string().nullable(),
  sourceKind: z.enum(FUND_SOURCE_KINDS).nullable(),
  counterparty: z.string(),
  voucherNo: z.string().nullable(),
  attachmentName: z.string().nullable(),
  note: z.string().nullable(),
  overdraftNote: z.string().nullable(),
  createdAt: z.string(),
});
export const fundLedgerSchema = z.object({
  regionCode: z.string(),
  name: z.string(),
  published: z.boolean(),
  totals: fundTotalsSchema,
  projects: z.array(fundProjectSchema),
  entries: z.array(fundEntrySchema),
  total: z.number().int(),
});
export type FundLedger = z.infer<typeof fundLedgerSchema>;

/** What a villager may be shown without an account: aggregates only, no payees, vouchers or notes. */
export const publicFundSummarySchema = z.object({
  regionCode: z.string(),
  name: z.string(),
  townshipName: z.string(),
  totals: fundTotalsSchema,
  projects: z.array(fundProjectSchema.omit({ id: true, buildingId: true })),
  spendings: z.number().int(),
  asOf: z.string().nullable(),
});

export const fundsOverviewQuery = z.object({ regionCode: regionCodeSchema.optional() });
export const fundMoney = moneySchema;
