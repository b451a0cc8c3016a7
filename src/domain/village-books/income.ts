/**
 * VIL-3 collective operating income (村集体经济经营性收入) against the county's thresholds.
 * The article counts villages whose income is above ¥300,000 and ¥500,000 ("超30万元",
 * "超50万元"): strictly more than the threshold.
 */
export const DEFAULT_INCOME_THRESHOLDS: readonly number[] = [300_000, 500_000];
export const MAX_INCOME_THRESHOLDS = 5;

export interface ThresholdCount {
  threshold: number;
  villages: number;
}

export function isAboveThreshold(incomeYuan: number, threshold: number): boolean {
  return Math.round(incomeYuan * 100) > Math.round(threshold * 100);
}

/** For each threshold (ascending), how many of the incomes are above it. */
export function countAboveThresholds(incomes: readonly number[], thresholds: readonly number[]): ThresholdCount[] {
  return [...thresholds]
    .sort((a, b) => a - b)
    .map((threshold) => ({ threshold, villages: incomes.filter((v) => isAboveThreshold(v, threshold)).length }));
}

/**
 * The thresholds in force for a region: its own, else those of its nearest ancestor that
 * has some, else the defaults. `byRegion` maps region codes to their configured amounts;
 * `chain` is the region's own code followed by its ancestors, nearest first.
 */
export function thresholdsFor(
  chain: readonly string[],
  byRegion: ReadonlyMap<string, readonly number[]>,
): { amounts: number[]; from: string | null } {
  for (const code of chain) {
    const amounts = byRegion.get(code);
    if (amounts && amounts.length > 0) return { amounts: [...amounts].sort((a, b) => a - b), from: code };
  }
  return { amounts: [...DEFAULT_INCOME_THRESHOLDS], from: null };
}

/** 1–5 distinct positive amounts with whole fen; returns them ascending, or null when invalid. */
export function normaliseThresholds(amounts: readonly number[]): number[] | null {
  if (amounts.length < 1 || amounts.length > MAX_INCOME_THRESHOLDS) return null;
  if (amounts.some((a) => !Number.isFinite(a) || a <= 0 || Math.abs(a * 100 - Math.round(a * 100)) > 1e-6)) return null;
  const sorted = [...new Set(amounts.map((a) => Math.round(a * 100) / 100))].sort((a, b) => a - b);
  return sorted.length === amounts.length ? sorted : null;
}
