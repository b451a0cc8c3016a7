import { describe, expect, it } from 'vitest';
import { afterFailure, maskAddress, retryDelayMs, targetHears, topicMatches, type RetryPolicy } from './delivery.ts';

const policy: RetryPolicy = { maxAttempts: 5, baseMs: 1000, capMs: 5000 };

describe('NTF-1 delivery rules', () => {
  it('NTF-1 backoff doubles per attempt up to the cap, jittered within its upper half', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, policy, () => 1))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, policy, () => 0))).toEqual([500, 1000, 2000, 2500, 2500]);
    const spread = new Set(Array.from({ length: 50 }, () => retryDelayMs(3, policy)));
    expect(spread.size).toBeGreaterThan(10);
    for (const d of spread) expect(d).toBeGreaterThanOrEqual(2000);
  });

  it('NTF-1 after the last attempt a row is failed, before it another try is due', () => {
    expect(afterFailure(4, policy, () => 0.5)).toEqual({ status: 'pending', delayMs: 5000 * 0.75 });
    expect(afterFailure(5, policy)).toEqual({ status: 'failed' });
  });

  it('NTF-1 a target hears notices in its region subtree or organisation subtree, of its topics', () => {
    const street = { regionCode: '350102001', orgPath: null, topics: null };
    expect(targetHears(street, { kind: 'lease_expiry', regionCode: '350102001002' })).toBe(true);
    expect(targetHears(street, { kind: 'lease_expiry', regionCode: '350102002001' })).toBe(false);
    expect(targetHears(street, { kind: 'lease_expiry' })).toBe(false);
    const city = { regionCode: '350100', orgPath: null, topics: ['matter.*'] };
    expect(targetHears(city, { kind: 'matter.overdue', regionCode: '350102001' })).toBe(true);
    expect(targetHears(city, { kind: 'lease_expiry', regionCode: '350102001' })).toBe(false);
    const org = { regionCode: '350102', orgPath: '/1/4/', topics: null };
    expect(targetHears(org, { kind: 'x', regionCode: '350102', orgPath: '/1/4/9/' })).toBe(true);
    expect(targetHears(org, { kind: 'x', regionCode: '350102', orgPath: '/1/5/' })).toBe(false);
    expect(targetHears({ regionCode: null, orgPath: null, topics: null }, { kind: 'x' })).toBe(true);
    expect(topicMatches(['lease_expiry', 'lease_overdue'], 'lease_overdue')).toBe(true);
    expect(topicMatches([], 'anything')).toBe(true);
  });

  it('NTF-1 stored addresses are shown without their tokens', () => {
    expect(maskAddress('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc-123')).toBe(
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?***',
    );
    expect(maskAddress('email', 'office@example.org')).toBe('o***@example.org');
    expect(maskAddress('webhook', 'not a url')).toBe('***');
  });
});
