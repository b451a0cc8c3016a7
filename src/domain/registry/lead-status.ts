/**
 * REG-8 investment leads (招商线索) move 潜在 prospect → 洽谈 negotiating → 入驻 settled,
 * or are dropped on the way. The table is the single statement of which moves exist;
 * commands refuse anything else, so a lead's history always reads as the article's sequence.
 */
export const LEAD_STATUSES = ['prospect', 'negotiating', 'settled', 'dropped'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const LEAD_TRANSITIONS: Readonly<Record<LeadStatus, readonly LeadStatus[]>> = {
  // A prospect must be talked to before it can settle: no jump straight to 入驻.
  prospect: ['negotiating', 'dropped'],
  // Talks can stall back to prospect (the investor went quiet) without being lost.
  negotiating: ['settled', 'dropped', 'prospect'],
  // Settled is final: the enterprise and its lease exist; later changes are lease events.
  settled: [],
  // A dropped lead may be revived as a prospect when the investor returns.
  dropped: ['prospect'],
};

export const LEAD_STATUS_LABELS: Readonly<Record<LeadStatus, { 'zh-CN': string; en: string }>> = {
  prospect: { 'zh-CN': '潜在', en: 'prospect' },
  negotiating: { 'zh-CN': '洽谈', en: 'negotiating' },
  settled: { 'zh-CN': '入驻', en: 'settled' },
  dropped: { 'zh-CN': '放弃', en: 'dropped' },
};

export function canTransition(from: LeadStatus, to: LeadStatus): boolean {
  return LEAD_TRANSITIONS[from].includes(to);
}

export function nextStatuses(from: LeadStatus): readonly LeadStatus[] {
  return LEAD_TRANSITIONS[from];
}

/** Settling needs a building, the enterprise to create and its lease; the other moves need nothing. */
export function transitionNeedsPlacement(to: LeadStatus): boolean {
  return to === 'settled';
}
