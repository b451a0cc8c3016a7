/**
 * Money of the village books in whole fen (分), so sums and balances are exact integers.
 * The database keeps numeric(14,2) yuan and the API speaks yuan with two decimals.
 */
export function toFen(yuan: number | string): number {
  const value = typeof yuan === 'string' ? Number(yuan) : yuan;
  if (!Number.isFinite(value)) throw new RangeError(`not an amount: ${String(yuan)}`);
  return Math.round(value * 100);
}

export function toYuan(fen: number): number {
  return fen / 100;
}

/** Whether a yuan amount has at most two decimals (binary floats make 0.07 * 100 = 7.000000000000001). */
export function isWholeFen(yuan: number): boolean {
  return Math.abs(yuan * 100 - Math.round(yuan * 100)) < 1e-6;
}

/** '1,234,567.80' — the way a ledger prints yuan, in both locales. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}
