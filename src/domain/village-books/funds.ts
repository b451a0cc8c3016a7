import { toFen } from './money.ts';

/**
 * VIL-2 the protection-funds ledger as rules: money comes in as sources, is allocated to
 * projects (planning, infrastructure, building protection) and spent from them against
 * vouchers. The village's free balance is what came in and is not yet allocated; a
 * project's balance is what it was allocated and has not spent. Neither may go below zero
 * unless the entry carries an overdraft note (a knowing, recorded exception).
 */
export type FundPurpose = 'planning' | 'infrastructure' | 'building_protection';
export type FundEntryKind = 'source' | 'allocation' | 'spending';

export interface LedgerEntry {
  kind: FundEntryKind;
  /** Yuan, as stored (decimal string) or a number. */
  amount: number | string;
  projectId: string | null;
}

export interface LedgerProject {
  id: string;
  purpose: FundPurpose;
}

export interface ProjectBalance {
  projectId: string;
  purpose: FundPurpose;
  allocatedFen: number;
  spentFen: number;
  balanceFen: number;
}

export interface FundBalances {
  receivedFen: number;
  allocatedFen: number;
  spentFen: number;
  /** Received and not yet allocated to a project. */
  unallocatedFen: number;
  /** Received and not yet spent: unallocated plus every project's balance. */
  balanceFen: number;
  projects: ProjectBalance[];
  byPurpose: Record<FundPurpose, { allocatedFen: number; spentFen: number }>;
}

export const FUND_PURPOSE_ORDER: readonly FundPurpose[] = ['planning', 'infrastructure', 'building_protection'];

export function fundBalances(projects: readonly LedgerProject[], entries: readonly LedgerEntry[]): FundBalances {
  const perProject = new Map<string, ProjectBalance>(
    projects.map((p) => [p.id, { projectId: p.id, purpose: p.purpose, allocatedFen: 0, spentFen: 0, balanceFen: 0 }]),
  );
  let receivedFen = 0;
  for (const e of entries) {
    const fen = toFen(e.amount);
    if (e.kind === 'source') {
      receivedFen += fen;
      continue;
    }
    const project = e.projectId === null ? undefined : perProject.get(e.projectId);
    if (!project) throw new Error(`ledger entry names an unknown project ${String(e.projectId)}`);
    if (e.kind === 'allocation') project.allocatedFen += fen;
    else project.spentFen += fen;
  }
  const byPurpose = Object.fromEntries(FUND_PURPOSE_ORDER.map((p) => [p, { allocatedFen: 0, spentFen: 0 }])) as FundBalances['byPurpose'];
  let allocatedFen = 0;
  let spentFen = 0;
  for (const p of perProject.values()) {
    p.balanceFen = p.allocatedFen - p.spentFen;
    allocatedFen += p.allocatedFen;
    spentFen += p.spentFen;
    byPurpose[p.purpose].allocatedFen += p.allocatedFen;
    byPurpose[p.purpose].spentFen += p.spentFen;
  }
  return {
    receivedFen,
    allocatedFen,
    spentFen,
    unallocatedFen: receivedFen - allocatedFen,
    balanceFen: receivedFen - spentFen,
    projects: [...perProject.values()],
    byPurpose,
  };
}

export interface EntryCheck {
  kind: FundEntryKind;
  amountFen: number;
  projectId: string | null;
  overdraftNote?: string | null | undefined;
}

/**
 * The balance a new entry draws on (the free balance for an allocation, the project's for a
 * spending) and whether it would overdraw it. Sources never overdraw. An overdraft note
 * lets an overdrawing entry through; it is kept on the entry.
 */
export function checkFundEntry(balances: FundBalances, entry: EntryCheck): { availableFen: number; overdraws: boolean; allowed: boolean } {
  if (entry.kind === 'source') return { availableFen: balances.unallocatedFen, overdraws: false, allowed: true };
  const availableFen =
    entry.kind === 'allocation'
      ? balances.unallocatedFen
      : (balances.projects.find((p) => p.projectId === entry.projectId)?.balanceFen ?? 0);
  const overdraws = entry.amountFen > availableFen;
  const noted = typeof entry.overdraftNote === 'string' && entry.overdraftNote.trim().length > 0;
  return { availableFen, overdraws, allowed: !overdraws || noted };
}
