import type { MatterStatus, MatterSummary, StepInput } from '../../api/matters.ts';

/** The steps that make sense for many matters at once: one step each, no form to fill. */
export const BULK_STEPS = {
  accept: { from: 'dispatched', label: 'matter.bulk.accept' },
  register: { from: 'collected', label: 'matter.bulk.register' },
} as const satisfies Record<string, { from: MatterStatus; label: 'matter.bulk.accept' | 'matter.bulk.register' }>;
export type BulkStep = keyof typeof BULK_STEPS;

export interface BulkFailure {
  code: string;
  message: string;
}

export interface BulkResult {
  ok: number;
  failures: BulkFailure[];
}

/**
 * MAT-5 takes one step on each matter, one request each with the version the
 * list showed, so a matter someone else moved meanwhile fails alone (409) and
 * the others go through. Matters not in the step's status are not sent at all.
 */
export async function takeBulkStep(opts: {
  step: BulkStep;
  rows: readonly Pick<MatterSummary, 'id' | 'code' | 'status' | 'version'>[];
  send: (id: string, input: StepInput) => Promise<unknown>;
  describe: (err: unknown) => string;
  notApplicable: string;
}): Promise<BulkResult> {
  const { step, rows, send, describe, notApplicable } = opts;
  const failures: BulkFailure[] = [];
  let ok = 0;
  // One after another: a building's batch is a few dozen, and the server locks each matter anyway.
  for (const row of rows) {
    if (row.status !== BULK_STEPS[step].from) {
      failures.push({ code: row.code, message: notApplicable });
      continue;
    }
    try {
      await send(row.id, { action: step, version: row.version });
      ok += 1;
    } catch (err) {
      failures.push({ code: row.code, message: describe(err) });
    }
  }
  return { ok, failures };
}
