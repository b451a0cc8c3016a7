import { chinaDate } from '../../domain/time.ts';
import { databaseUpkeepSweep } from '../db/upkeep.ts';
import { chainAuditLog } from '../modules/audit/chain.ts';
import { raiseLeaseWarnings } from '../modules/leases/warnings.ts';
import { matterRollupFoldSweep } from '../modules/matter-dashboard/fold.ts';
import { matterClockSweep } from '../modules/matters/sweep.ts';
import { outboxDeliverySweep } from '../modules/outbox/deliver.ts';
import { recomputeForDate } from '../modules/policy-results/date-run.ts';
import type { Sweep } from './runner.ts';

/**
 * REG-3 lease expiry warnings, hourly: the sweep is idempotent (each fact is
 * announced once per user and channel through dedupe keys), so the period only
 * bounds how late a warning can be.
 */
export const leaseWarningSweep: Sweep = {
  name: 'lease-warnings',
  everySeconds: 3600,
  run: async (deps) => {
    const r = await raiseLeaseWarnings({ db: deps.kysely, today: chinaDate() });
    return { processed: r.notifications };
  },
};

/**
 * POL-3 what the date changes in policy results (years since registration, validity
 * windows), once per China day: offered hourly, so a day is done within an hour of
 * midnight, and a pass finding its day done does nothing.
 */
export const policyDateSweep: Sweep = {
  name: 'policy-date',
  everySeconds: 3600,
  run: async (deps) => {
    const r = await recomputeForDate({ db: deps.kysely, asOf: chinaDate() });
    return { processed: r.written };
  },
};

/**
 * SEC-2 links audit rows written outside requests (sweeps, imports, another instance's
 * writes) into the hash chain; requests link their own just after they answer.
 */
export const auditChainSweep: Sweep = {
  name: 'audit-chain',
  everySeconds: 5,
  run: async (deps) => ({ processed: await chainAuditLog(deps.kysely) }),
};

/** The platform's sweeps, started by `startServer` unless HONGTU_JOBS=off. Modules add theirs here. */
export function platformSweeps(): Sweep[] {
  return [
    outboxDeliverySweep,
    leaseWarningSweep,
    matterClockSweep,
    matterRollupFoldSweep,
    policyDateSweep,
    auditChainSweep,
    databaseUpkeepSweep,
  ];
}
