import { describe, expect, it } from 'vitest';
import { policyItem, retryAfterSeconds, stateItem } from './rate-limit-headers';

describe('rate-limit headers', () => {
  it('describe a policy by its burst and its window in whole seconds', () => {
    expect(policyItem('api', { max: 300, burst: 50 }, 60_000)).toBe('"api";q=50;w=60');
    expect(policyItem('auth', { max: 10, burst: 10 }, 1_500)).toBe('"auth";q=10;w=2');
  });

  it('give the seconds until full while tokens remain, until the next token once empty', () => {
    const answer = { allowed: true, remaining: 3, waitMs: 0, fullInMs: 4_001 };
    expect(stateItem('redirect', answer)).toBe('"redirect";r=3;t=5');
    const empty = { allowed: false, remaining: 0, waitMs: 1_200, fullInMs: 60_000 };
    expect(stateItem('redirect', empty)).toBe('"redirect";r=0;t=2');
    expect(retryAfterSeconds(empty)).toBe(2);
  });
});
