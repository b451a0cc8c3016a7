import { describe, expect, it } from 'vitest';
import { LEAD_STATUSES, LEAD_TRANSITIONS, canTransition, nextStatuses, transitionNeedsPlacement } from './lead-status.ts';

describe('REG-8 investment lead statuses', () => {
  it('REG-8 the happy path is prospect → negotiating → settled', () => {
    expect(canTransition('prospect', 'negotiating')).toBe(true);
    expect(canTransition('negotiating', 'settled')).toBe(true);
  });

  it('REG-8 a prospect cannot settle without negotiating, and settled is final', () => {
    expect(canTransition('prospect', 'settled')).toBe(false);
    expect(nextStatuses('settled')).toEqual([]);
    for (const to of LEAD_STATUSES) expect(canTransition('settled', to)).toBe(false);
  });

  it('REG-8 any open lead may be dropped, and a dropped lead may be revived as a prospect only', () => {
    expect(canTransition('prospect', 'dropped')).toBe(true);
    expect(canTransition('negotiating', 'dropped')).toBe(true);
    expect(nextStatuses('dropped')).toEqual(['prospect']);
  });

  it('REG-8 no status moves to itself, and only settling needs a placement', () => {
    for (const from of LEAD_STATUSES) expect(LEAD_TRANSITIONS[from]).not.toContain(from);
    expect(LEAD_STATUSES.filter(transitionNeedsPlacement)).toEqual(['settled']);
  });
});
