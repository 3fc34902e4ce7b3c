import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setConfig } from '../config';
import type { TokenBucketStore } from '../contracts/stores';
import type { AppError } from '../errors';
import {
  clientKeyOf,
  createClientRateLimiter,
  createMemoryClientRateLimiter,
  enforceClientRateLimit,
  setClientRateLimiter,
} from './client-rate-limit';
import { createMemoryTokenBucketStore } from './token-bucket-store';

/** One token, one back per minute: the second request within a minute is refused. */
const strict = { capacity: 1, refillPerSecond: 1 / 60 };

const from = (ip: string) => new Request('http://localhost/api/chat', { headers: { 'x-forwarded-for': ip } });

async function outcomes(count: number, ip: string): Promise<(AppError | 'ok')[]> {
  const results: (AppError | 'ok')[] = [];
  for (let index = 0; index < count; index++) {
    results.push(
      await enforceClientRateLimit(from(ip)).then(
        () => 'ok' as const,
        (error: AppError) => error,
      ),
    );
  }
  return results;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  setConfig({ RATE_LIMIT_PER_MINUTE: '20', RATE_LIMIT_BURST: '10', LOG_LEVEL: 'silent' });
  setClientRateLimiter(undefined);
});
afterEach(() => vi.useRealTimers());

describe('client rate limit', () => {
  it('lets a burst through, then answers 429 with an integer Retry-After; other clients are unaffected', async () => {
    const results = await outcomes(50, '203.0.113.7');
    expect(results.filter((result) => result === 'ok')).toHaveLength(10);
    const rejected = results.filter((result): result is AppError => result !== 'ok');
    expect(rejected).toHaveLength(40);
    for (const error of rejected) {
      expect(error).toMatchObject({ code: 'rate_limited', status: 429 });
      expect(Number.isInteger(error.retryAfterSeconds)).toBe(true);
      // 20 per minute: the next token is 3 s away, not a whole window.
      expect(error.retryAfterSeconds).toBe(3);
    }
    expect(await outcomes(3, '198.51.100.2')).toEqual(['ok', 'ok', 'ok']);
  });

  it('refills at the sustained rate', async () => {
    await outcomes(10, '203.0.113.7');
    expect((await outcomes(1, '203.0.113.7'))[0]).not.toBe('ok');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await outcomes(10, '203.0.113.7')).toEqual(Array(10).fill('ok'));
  });

  it('is off when RATE_LIMIT_PER_MINUTE is 0', async () => {
    setConfig({ RATE_LIMIT_PER_MINUTE: '0' });
    setClientRateLimiter(undefined);
    expect((await outcomes(100, '203.0.113.7')).every((result) => result === 'ok')).toBe(true);
    expect(createMemoryClientRateLimiter({ perMinute: 0, burst: 10 })).toBeUndefined();
  });

  it('keys by the client address: the nearest hop without TRUST_PROXY, never X-Real-IP', () => {
    expect(clientKeyOf(from('203.0.113.7, 10.0.0.1'))).toBe('10.0.0.1');
    expect(clientKeyOf(new Request('http://localhost', { headers: { 'x-real-ip': '192.0.2.4' } }))).toBe(
      'anonymous',
    );
    expect(clientKeyOf(new Request('http://localhost'))).toBe('anonymous');
  });

  it('accepts any token bucket store (e.g. Redis) and fails open when the store breaks', async () => {
    const store = createMemoryTokenBucketStore();
    const take = vi.spyOn(store, 'take');
    setClientRateLimiter(createClientRateLimiter(store, strict));
    expect(await outcomes(2, '203.0.113.7')).toMatchObject([
      'ok',
      { code: 'rate_limited', retryAfterSeconds: 60 },
    ]);
    expect(take).toHaveBeenCalledWith('client:203.0.113.7', strict);
    const broken: TokenBucketStore = { take: () => Promise.reject(new Error('redis down')) };
    setClientRateLimiter(createClientRateLimiter(broken, strict));
    expect(await outcomes(3, '203.0.113.7')).toEqual(['ok', 'ok', 'ok']);
  });

  it('uses an explicit client key when given', async () => {
    setClientRateLimiter(createClientRateLimiter(createMemoryTokenBucketStore(), strict));
    await enforceClientRateLimit(from('203.0.113.7'), 'user-1');
    await expect(enforceClientRateLimit(from('198.51.100.2'), 'user-1')).rejects.toMatchObject({
      code: 'rate_limited',
    });
    await expect(enforceClientRateLimit(from('198.51.100.2'))).resolves.toBeUndefined();
  });
});

describe('client rate limit as a token bucket (capacity RATE_LIMIT_BURST, refilled continuously)', () => {
  const ip = '203.0.113.7';
  const spendBurst = async () => expect(await outcomes(10, ip)).toEqual(Array(10).fill('ok'));

  it('refills one token every 60/RATE_LIMIT_PER_MINUTE seconds, not the whole bucket at a window end', async () => {
    await spendBurst();
    await vi.advanceTimersByTimeAsync(2_999);
    expect(await outcomes(1, ip)).toMatchObject([{ code: 'rate_limited', retryAfterSeconds: 1 }]);
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcomes(2, ip)).toMatchObject(['ok', { code: 'rate_limited', retryAfterSeconds: 3 }]);
    await vi.advanceTimersByTimeAsync(6_000);
    expect(await outcomes(3, ip)).toMatchObject(['ok', 'ok', { code: 'rate_limited' }]);
  });

  it('answers Retry-After with the whole seconds until one token is back', async () => {
    await spendBurst();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(await outcomes(1, ip)).toMatchObject([{ retryAfterSeconds: 2 }]);
    await vi.advanceTimersByTimeAsync(1_499);
    expect(await outcomes(1, ip)).toMatchObject([{ retryAfterSeconds: 1 }]);

    // 7 per minute: a token every 8.57 s, so Retry-After rounds up to 9.
    setClientRateLimiter(createMemoryClientRateLimiter({ perMinute: 7, burst: 1 }));
    expect(await outcomes(2, ip)).toMatchObject(['ok', { retryAfterSeconds: 9 }]);
  });

  it('never holds more than RATE_LIMIT_BURST tokens, however long the client was idle', async () => {
    await spendBurst();
    await vi.advanceTimersByTimeAsync(3_600_000);
    const results = await outcomes(11, ip);
    expect(results.slice(0, 10)).toEqual(Array(10).fill('ok'));
    expect(results[10]).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 3 });
  });

  it('treats RATE_LIMIT_BURST 0 as no burst: one request, then the sustained rate', async () => {
    setClientRateLimiter(createMemoryClientRateLimiter({ perMinute: 60, burst: 0 }));
    expect(await outcomes(2, ip)).toMatchObject(['ok', { retryAfterSeconds: 1 }]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await outcomes(1, ip)).toEqual(['ok']);
  });

  it('keeps a bounded number of buckets, forgetting the least recently used first', async () => {
    const store = createMemoryTokenBucketStore({ maxKeys: 2 });
    const take = (key: string) => store.take(key, strict);
    expect(await take('a')).toEqual({ allowed: true });
    expect(await take('b')).toEqual({ allowed: true });
    expect(await take('a')).toMatchObject({ allowed: false });
    // 'c' pushes out 'b' (used longest ago); 'a' is still remembered as empty.
    expect(await take('c')).toEqual({ allowed: true });
    expect(await take('a')).toMatchObject({ allowed: false });
    // 'b' starts over with a full bucket.
    expect(await take('b')).toEqual({ allowed: true });
  });

  it('stays at its bound under a flood of 10k distinct clients', async () => {
    const store = createMemoryTokenBucketStore({ maxKeys: 1_000 });
    for (let client = 0; client < 10_000; client += 1) await store.take(`client-${client}`, strict);
    expect(store.size).toBe(1_000);
  });

  it('stores a bounded key however long the client key is', async () => {
    const store = createMemoryTokenBucketStore();
    const take = vi.spyOn(store, 'take');
    setClientRateLimiter(createClientRateLimiter(store, strict));
    await enforceClientRateLimit(new Request('http://localhost'), 'x'.repeat(15_000));
    const key = take.mock.calls[0][0];
    expect(key.length).toBeLessThanOrEqual(80);
    expect(key).toMatch(/^client:sha256:[0-9a-f]{32}$/);
  });
});
