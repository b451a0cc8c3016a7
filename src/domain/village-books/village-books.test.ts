import { describe, expect, it } from 'vitest';
import { checkFundEntry, fundBalances } from './funds.ts';
import { countAboveThresholds, DEFAULT_INCOME_THRESHOLDS, normaliseThresholds, thresholdsFor } from './income.ts';
import { formatYuan, isWholeFen, toFen } from './money.ts';

describe('VIL-2 protection-funds balances', () => {
  const projects = [
    { id: '1', purpose: 'planning' as const },
    { id: '2', purpose: 'building_protection' as const },
  ];
  const entries = [
    { kind: 'source' as const, amount: '1000000.00', projectId: null },
    { kind: 'source' as const, amount: 0.1, projectId: null },
    { kind: 'source' as const, amount: 0.2, projectId: null },
    { kind: 'allocation' as const, amount: '300000.00', projectId: '1' },
    { kind: 'allocation' as const, amount: '500000.00', projectId: '2' },
    { kind: 'spending' as const, amount: '120000.50', projectId: '2' },
  ];

  it('VIL-2 sums exactly in fen: free balance, project balances, by purpose', () => {
    const b = fundBalances(projects, entries);
    expect(b.receivedFen).toBe(100_000_030);
    expect(b.unallocatedFen).toBe(20_000_030);
    expect(b.spentFen).toBe(12_000_050);
    expect(b.balanceFen).toBe(87_999_980);
    expect(b.projects.find((p) => p.projectId === '2')?.balanceFen).toBe(37_999_950);
    expect(b.byPurpose.building_protection).toEqual({ allocatedFen: 50_000_000, spentFen: 12_000_050 });
    expect(b.byPurpose.infrastructure).toEqual({ allocatedFen: 0, spentFen: 0 });
  });

  it('VIL-2 an allocation or spending past the balance is refused unless it carries an overdraft note', () => {
    const b = fundBalances(projects, entries);
    expect(checkFundEntry(b, { kind: 'spending', amountFen: 37_999_950, projectId: '2' })).toEqual({
      availableFen: 37_999_950,
      overdraws: false,
      allowed: true,
    });
    expect(checkFundEntry(b, { kind: 'spending', amountFen: 37_999_951, projectId: '2' }).allowed).toBe(false);
    expect(checkFundEntry(b, { kind: 'spending', amountFen: 37_999_951, projectId: '2', overdraftNote: '  ' }).allowed).toBe(false);
    expect(checkFundEntry(b, { kind: 'spending', amountFen: 37_999_951, projectId: '2', overdraftNote: '县财政垫付' }).allowed).toBe(true);
    expect(checkFundEntry(b, { kind: 'allocation', amountFen: 20_000_031, projectId: '1' }).allowed).toBe(false);
    expect(checkFundEntry(b, { kind: 'source', amountFen: 1, projectId: null }).allowed).toBe(true);
  });

  it('VIL-2 money helpers keep two decimals', () => {
    expect(toFen('0.07')).toBe(7);
    expect(isWholeFen(0.07)).toBe(true);
    expect(isWholeFen(0.071)).toBe(false);
    expect(formatYuan(2_012_345_678)).toBe('20,123,456.78');
    expect(formatYuan(-5)).toBe('-0.05');
  });
});

describe('VIL-3 collective income thresholds', () => {
  it('VIL-3 counts villages strictly above each threshold (the article: 7 above ¥300,000, 5 above ¥500,000)', () => {
    const incomes = [1_280_000, 860_000, 720_000, 560_000, 500_000.01, 500_000, 300_000.01, 300_000, 180_000];
    expect(countAboveThresholds(incomes, DEFAULT_INCOME_THRESHOLDS)).toEqual([
      { threshold: 300_000, villages: 7 },
      { threshold: 500_000, villages: 5 },
    ]);
  });

  it('VIL-3 a region uses its own thresholds, else its nearest ancestor’s, else the defaults', () => {
    const byRegion = new Map([
      ['360700', [200_000]],
      ['360732', [500_000, 300_000, 1_000_000]],
    ]);
    expect(thresholdsFor(['360732203', '360732', '360700'], byRegion)).toEqual({ amounts: [300_000, 500_000, 1_000_000], from: '360732' });
    expect(thresholdsFor(['360731', '360700'], byRegion)).toEqual({ amounts: [200_000], from: '360700' });
    expect(thresholdsFor(['350102'], byRegion)).toEqual({ amounts: [300_000, 500_000], from: null });
  });

  it('VIL-3 thresholds are 1–5 distinct positive amounts', () => {
    expect(normaliseThresholds([500_000, 300_000])).toEqual([300_000, 500_000]);
    expect(normaliseThresholds([])).toBeNull();
    expect(normaliseThresholds([1, 2, 3, 4, 5, 6])).toBeNull();
    expect(normaliseThresholds([300_000, 300_000])).toBeNull();
    expect(normaliseThresholds([-1])).toBeNull();
    expect(normaliseThresholds([0.001])).toBeNull();
  });
});
