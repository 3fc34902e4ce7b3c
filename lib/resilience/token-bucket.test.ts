import { describe, expect, it } from 'vitest';
import { takeToken } from './token-bucket';

// 20 per minute, burst 10: a token every 3 s.
const policy = { capacity: 10, refillPerSecond: 20 / 60 };

describe('takeToken', () => {
  it('starts a new bucket full and takes one token', () => {
    expect(takeToken(undefined, policy, 1_000)).toEqual({
      state: { tokens: 9, updatedAt: 1_000 },
      decision: { allowed: true },
    });
  });

  it('refills continuously and gives the token back exactly on time despite fractional rates', () => {
    const empty = { tokens: 0, updatedAt: 0 };
    expect(takeToken(empty, policy, 1_000).decision).toEqual({ allowed: false, retryAfterMs: 2_000 });
    expect(takeToken(empty, policy, 2_999.5).decision).toEqual({ allowed: false, retryAfterMs: 1 });
    expect(takeToken(empty, policy, 3_000).decision).toEqual({ allowed: true });
    let state = empty;
    for (const time of [1_000, 2_000]) state = takeToken(state, policy, time).state;
    expect(takeToken(state, policy, 3_000).decision).toEqual({ allowed: true });
  });

  it('refills nothing when the clock goes backwards', () => {
    const { decision } = takeToken({ tokens: 0.5, updatedAt: 10_000 }, policy, 5_000);
    expect(decision).toEqual({ allowed: false, retryAfterMs: 1_500 });
  });
});
