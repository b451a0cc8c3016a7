export { checkFundEntry, FUND_PURPOSE_ORDER, fundBalances, type FundBalances, type LedgerEntry, type ProjectBalance } from './funds.ts';
export {
  countAboveThresholds,
  DEFAULT_INCOME_THRESHOLDS,
  isAboveThreshold,
  normaliseThresholds,
  thresholdsFor,
  type ThresholdCount,
} from './income.ts';
export { formatYuan, isWholeFen, toFen, toYuan } from './money.ts';
