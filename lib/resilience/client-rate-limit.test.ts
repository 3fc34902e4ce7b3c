import { RateLimiterMemory } from 'rate-limiter-flexible';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setConfig } from '../config';
import type { AppError } from '../errors';
import {
  clientKeyOf,
  createClientRateLimiter,
  createMemoryClientRateLimiter,
  enforceClientRateLimit,
  setClientRateLimiter,
} from './client-rate-limit';

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
      expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(error.retryAfterSeconds).toBeLessThanOrEqual(30);
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

  it('keys by the first forwarded address, then X-Real-IP, then one anonymous bucket', () => {
    expect(clientKeyOf(from('203.0.113.7, 10.0.0.1'))).toBe('203.0.113.7');
    expect(clientKeyOf(new Request('http://localhost', { headers: { 'x-real-ip': '192.0.2.4' } }))).toBe(
      '192.0.2.4',
    );
    expect(clientKeyOf(new Request('http://localhost'))).toBe('anonymous');
  });

  it('accepts any rate-limiter-flexible store (e.g. Redis) and fails open when the store breaks', async () => {
    const store = new RateLimiterMemory({ points: 1, duration: 60 });
    setClientRateLimiter(createClientRateLimiter(store));
    expect(await outcomes(2, '203.0.113.7')).toMatchObject([
      'ok',
      { code: 'rate_limited', retryAfterSeconds: 60 },
    ]);
    const broken = new RateLimiterMemory({ points: 1, duration: 60 });
    vi.spyOn(broken, 'consume').mockRejectedValue(new Error('redis down'));
    setClientRateLimiter(createClientRateLimiter(broken));
    expect(await outcomes(3, '203.0.113.7')).toEqual(['ok', 'ok', 'ok']);
  });

  it('uses an explicit client key when given', async () => {
    setClientRateLimiter(createClientRateLimiter(new RateLimiterMemory({ points: 1, duration: 60 })));
    await enforceClientRateLimit(from('203.0.113.7'), 'user-1');
    await expect(enforceClientRateLimit(from('198.51.100.2'), 'user-1')).rejects.toMatchObject({
      code: 'rate_limited',
    });
    await expect(enforceClientRateLimit(from('198.51.100.2'))).resolves.toBeUndefined();
  });
});
