import { sql, type Kysely } from 'kysely';
import { checkFundEntry, FUND_PURPOSE_ORDER, fundBalances, type FundBalances } from '../../../domain/village-books/funds.ts';
import { formatYuan, toFen, toYuan } from '../../../domain/village-books/money.ts';
import type { Actor } from '../../auth/actor.ts';
import { FUND_SOURCE_KINDS, type FundSourceKind } from '../../db/schema-villages.ts';
import type { Database } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';
import { AppError, invalidField } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import { belongs, lockVillage, type Trx } from './access.ts';
import type { FundEntryInput, FundLedger, FundLedgerQuery, FundProjectInput } from './schemas-funds.ts';

type Db = Kysely<Database> | Trx;

async function balancesOf(
  db: Db,
  code: string,
): Promise<{ balances: FundBalances; names: Map<string, { name: string; buildingId: string | null }> }> {
  const [projects, entries] = await Promise.all([
    db.selectFrom('fund_project').select(['id', 'name', 'purpose', 'building_id']).where('region_code', '=', code).orderBy('id').execute(),
    // Summed per project and kind in SQL: a village with years of entries still reads a handful of rows.
    db
      .selectFrom('fund_entry')
      .select(['kind', 'project_id', sql<string>`sum(amount)`.as('amount')])
      .where('region_code', '=', code)
      .groupBy(['kind', 'project_id'])
      .execute(),
  ]);
  const balances = fundBalances(
    projects.map((p) => ({ id: p.id, purpose: p.purpose })),
    entries.map((e) => ({ kind: e.kind, amount: e.amount, projectId: e.project_id })),
  );
  return { balances, names: new Map(projects.map((p) => [p.id, { name: p.name, buildingId: p.building_id }])) };
}

async function sourceTotals(db: Db, code: string) {
  const rows = await db
    .selectFrom('fund_entry')
    .select(['source_kind', sql<string>`sum(amount)`.as('amount')])
    .where('region_code', '=', code)
    .where('kind', '=', 'source')
    .groupBy('source_kind')
    .execute();
  const by = new Map(rows.map((r) => [r.source_kind, toFen(r.amount)]));
  return FUND_SOURCE_KINDS.filter((k) => by.has(k)).map((k) => ({ sourceKind: k as FundSourceKind, amount: toYuan(by.get(k) ?? 0) }));
}

function presentTotals(b: FundBalances, bySource: { sourceKind: FundSourceKind; amount: number }[]) {
  return {
    received: toYuan(b.receivedFen),
    allocated: toYuan(b.allocatedFen),
    spent: toYuan(b.spentFen),
    unallocated: toYuan(b.unallocatedFen),
    balance: toYuan(b.balanceFen),
    bySource,
    byPurpose: FUND_PURPOSE_ORDER.map((purpose) => ({
      purpose,
      allocated: toYuan(b.byPurpose[purpose].allocatedFen),
      spent: toYuan(b.byPurpose[purpose].spentFen),
      balance: toYuan(b.byPurpose[purpose].allocatedFen - b.byPurpose[purpose].spentFen),
    })),
  };
}

function presentProjects(b: FundBalances, names: Map<string, { name: string; buildingId: string | null }>) {
  return b.projects.map((p) => ({
    id: p.projectId,
    name: names.get(p.projectId)?.name ?? '',
    purpose: p.purpose,
    buildingId: names.get(p.projectId)?.buildingId ?? null,
    allocated: toYuan(p.allocatedFen),
    spent: toYuan(p.spentFen),
    balance: toYuan(p.balanceFen),
  }));
}

export async function createFundProject(opts: {
  db: Kysely<Database>;
  actor: Actor;
  code: string;
  input: FundProjectInput;
}): Promise<string> {
  const { actor, input } = opts;
  return opts.db.transaction().execute(async (trx) => {
    const v = await lockVillage(trx, actor, opts.code, 'village_fund');
    if (input.buildingId)
      belongs(
        await trx.selectFrom('traditional_building').select(['id', 'region_code']).where('id', '=', input.buildingId).executeTakeFirst(),
        v.region_code,
        'buildingId',
        'field.traditional_building_unknown',
      );
    const clash = await trx
      .selectFrom('fund_project')
      .select('id')
      .where('region_code', '=', v.region_code)
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (clash) throw new AppError('conflict', { fields: [{ path: 'name', key: 'field.fund_project_exists' }] });
    const row = await trx
      .insertInto('fund_project')
      .values({ region_code: v.region_code, name: input.name, purpose: input.purpose, building_id: input.buildingId ?? null })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'fund_project.create',
      entity: 'fund_project',
      entityId: row.id,
      regionCode: v.region_code,
      after: row,
    });
    return row.id;
  });
}

/**
 * VIL-2 one ledger entry. Under the village's lock: a source needs its kind and no project;
 * an allocation or spending needs one of the village's projects; a spending needs its voucher
 * number (unique in the village) and payee; neither may take a balance below zero without
 * an overdraft note. Entries are never edited afterwards.
 */
export async function recordFundEntry(opts: { db: Kysely<Database>; actor: Actor; code: string; input: FundEntryInput }): Promise<string> {
  const { actor, input } = opts;
  return opts.db.transaction().execute(async (trx) => {
    const v = await lockVillage(trx, actor, opts.code, 'village_fund');
    const counterparty = input.counterparty?.trim() ?? '';
    const voucherNo = input.voucherNo?.trim() || null;
    if (input.kind === 'source') {
      if (!input.sourceKind) throw invalidField('sourceKind', 'field.fund_source_kind_required');
      if (input.projectId) throw invalidField('projectId', 'field.fund_source_no_project');
    } else {
      if (!input.projectId) throw invalidField('projectId', 'field.fund_project_required');
      belongs(
        await trx.selectFrom('fund_project').select(['id', 'region_code']).where('id', '=', input.projectId).executeTakeFirst(),
        v.region_code,
        'projectId',
        'field.fund_project_unknown',
      );
    }
    if (input.kind === 'spending') {
      if (!voucherNo) throw invalidField('voucherNo', 'field.voucher_required');
      if (!counterparty) throw invalidField('counterparty', 'field.payee_required');
    }
    if (voucherNo) {
      const taken = await trx
        .selectFrom('fund_entry')
        .select('id')
        .where('region_code', '=', v.region_code)
        .where('voucher_no', '=', voucherNo)
        .executeTakeFirst();
      if (taken) throw new AppError('conflict', { fields: [{ path: 'voucherNo', key: 'field.voucher_duplicate', params: { voucherNo } }] });
    }
    const amountFen = toFen(input.amount);
    const overdraftNote = input.overdraftNote?.trim() || null;
    const { balances } = await balancesOf(trx, v.region_code);
    const check = checkFundEntry(balances, { kind: input.kind, amountFen, projectId: input.projectId ?? null, overdraftNote });
    if (!check.allowed)
      throw invalidField('amount', 'field.fund_insufficient', { available: formatYuan(check.availableFen), amount: formatYuan(amountFen) });
    const row = await trx
      .insertInto('fund_entry')
      .values({
        region_code: v.region_code,
        kind: input.kind,
        project_id: input.kind === 'source' ? null : (input.projectId ?? null),
        amount: toYuan(amountFen),
        entry_on: input.entryOn,
        source_kind: input.kind === 'source' ? (input.sourceKind ?? null) : null,
        counterparty,
        voucher_no: voucherNo,
        attachment_name: input.attachmentName?.trim() || null,
        note: input.note?.trim() || null,
        // Kept only when the entry did overdraw, so a note on an ordinary entry cannot hide one later.
        overdraft_note: check.overdraws ? overdraftNote : null,
        created_by: actor.userId === '0' ? null : actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: `fund_entry.${input.kind}`,
      entity: 'fund_entry',
      entityId: row.id,
      regionCode: v.region_code,
      after: row,
    });
    return row.id;
  });
}

/** VIL-2 the ledger of a village the caller keeps the books of: totals, projects with balances, a page of entries. */
export async function fundLedger(db: Kysely<Database>, actor: Actor, code: string, q: FundLedgerQuery): Promise<FundLedger | null> {
  const village = await db
    .selectFrom('village_profile')
    .innerJoin('region', 'region.code', 'village_profile.region_code')
    .select(['village_profile.region_code', 'village_profile.funds_published', 'region.name'])
    .where('village_profile.region_code', '=', code)
    .where(scopeWhere(actor, 'village_fund', 'read'))
    .executeTakeFirst();
  if (!village) return null;
  let entries = db
    .selectFrom('fund_entry')
    .leftJoin('fund_project', 'fund_project.id', 'fund_entry.project_id')
    .selectAll('fund_entry')
    .select('fund_project.name as project_name')
    .where('fund_entry.region_code', '=', code);
  if (q.kind) entries = entries.where('fund_entry.kind', '=', q.kind);
  const [{ balances, names }, bySource, rows, count] = await Promise.all([
    balancesOf(db, code),
    sourceTotals(db, code),
    entries.orderBy('fund_entry.entry_on', 'desc').orderBy('fund_entry.id', 'desc').limit(q.limit).offset(q.offset).execute(),
    entries
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    regionCode: village.region_code,
    name: village.name,
    published: village.funds_published,
    totals: presentTotals(balances, bySource),
    projects: presentProjects(balances, names),
    entries: rows.map((e) => ({
      id: e.id,
      kind: e.kind,
      amount: Number(e.amount),
      entryOn: e.entry_on,
      projectId: e.project_id,
      projectName: e.project_name,
      sourceKind: e.source_kind,
      counterparty: e.counterparty,
      voucherNo: e.voucher_no,
      attachmentName: e.attachment_name,
      note: e.note,
      overdraftNote: e.overdraft_note,
      createdAt: e.created_at.toISOString(),
    })),
    total: Number(count.n),
  };
}

/** VIL-2 the public summary of a village whose funds are published: aggregates only. Null when absent or unpublished. */
export async function publicFundSummary(db: Kysely<Database>, code: string) {
  const village = await db
    .selectFrom('village_profile')
    .innerJoin('region as v', 'v.code', 'village_profile.region_code')
    .innerJoin('region as t', 't.code', 'v.parent_code')
    .select(['village_profile.region_code', 'v.name', 't.name as township_name'])
    .where('village_profile.region_code', '=', code)
    .where('village_profile.funds_published', '=', true)
    .executeTakeFirst();
  if (!village) return null;
  const [{ balances, names }, bySource, stats] = await Promise.all([
    balancesOf(db, code),
    sourceTotals(db, code),
    db
      .selectFrom('fund_entry')
      .select([sql<string>`count(*) FILTER (WHERE kind = 'spending')`.as('spendings'), sql<string | null>`max(entry_on)::text`.as('as_of')])
      .where('region_code', '=', code)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    regionCode: village.region_code,
    name: village.name,
    townshipName: village.township_name,
    totals: presentTotals(balances, bySource),
    projects: presentProjects(balances, names).map(({ id: _id, buildingId: _b, ...rest }) => rest),
    spendings: Number(stats.spendings),
    asOf: stats.as_of,
  };
}
