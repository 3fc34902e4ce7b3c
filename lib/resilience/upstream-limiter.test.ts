import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryUpstreamLimiter } from './upstream-limiter';

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
afterEach(() => vi.useRealTimers());

const signal = () => new AbortController().signal;

describe('upstream limiter', () => {
  it('queues callers over the per-minute budget instead of failing, releasing them as tokens refill', async () => {
    const limiter = createMemoryUpstreamLimiter({ perMinute: 60, queueLimit: 5 });
    await limiter.acquire(signal());
    let released = 0;
    const waiting = [limiter.acquire(signal()), limiter.acquire(signal())].map((wait) =>
      wait.then(() => released++),
    );
    await vi.advanceTimersByTimeAsync(999);
    expect(released).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(released).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    await Promise.all(waiting);
    expect(released).toBe(2);
  });

  it('over the queue bound, rejects with overloaded (503) and a Retry-After', async () => {
    const limiter = createMemoryUpstreamLimiter({ perMinute: 60, queueLimit: 2 });
    await limiter.acquire(signal());
    const queued = [limiter.acquire(signal()), limiter.acquire(signal())];
    await expect(limiter.acquire(signal())).rejects.toMatchObject({
      code: 'overloaded',
      status: 503,
      retryAfterSeconds: 2,
    });
    await vi.advanceTimersByTimeAsync(2_000);
    await Promise.all(queued);
  });

  it('stops waiting when the caller aborts', async () => {
    const limiter = createMemoryUpstreamLimiter({ perMinute: 1, queueLimit: 5 });
    await limiter.acquire(signal());
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('client left'));
    await expect(waiting).rejects.toThrow('client left');
  });

  it('is off when the budget is 0', async () => {
    const limiter = createMemoryUpstreamLimiter({ perMinute: 0, queueLimit: 0 });
    await Promise.all(Array.from({ length: 1_000 }, () => limiter.acquire(signal())));
  });
});
