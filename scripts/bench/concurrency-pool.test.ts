import { describe, expect, it, vi } from 'vitest';
import { runForDuration, runPool } from './concurrency-pool';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('runPool', () => {
  it('runs every task once, never more than the concurrency at a time, keeping order', async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await runPool(23, 5, async (index) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await tick();
      inFlight--;
      return index * 2;
    });
    expect(results).toEqual(Array.from({ length: 23 }, (_, index) => index * 2));
    expect(peak).toBe(5);
  });

  it('staggers the first start of each worker over the given time', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    try {
      const startedAt: number[] = [];
      const run = runPool(
        4,
        4,
        async () => {
          startedAt.push(Date.now());
          await new Promise((resolve) => setTimeout(resolve, 1_000));
        },
        400,
      );
      await vi.runAllTimersAsync();
      await run;
      const first = startedAt[0];
      expect(startedAt.map((time) => time - first)).toEqual([0, 100, 200, 300]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('handles fewer tasks than workers, and none at all', async () => {
    expect(await runPool(2, 50, async (index) => index)).toEqual([0, 1]);
    expect(await runPool(0, 4, async (index) => index)).toEqual([]);
  });
});

describe('runForDuration', () => {
  it('stops starting tasks at the task cap', async () => {
    const { results } = await runForDuration(60_000, 4, 10, async (index) => {
      await tick();
      return index;
    });
    expect(results.sort((left, right) => left - right)).toEqual(
      Array.from({ length: 10 }, (_, index) => index),
    );
  });

  it('stops starting tasks once the duration is over', async () => {
    const { results, elapsedMs } = await runForDuration(0, 3, 100, async () => 1);
    expect(results).toEqual([]);
    expect(elapsedMs).toBeGreaterThanOrEqual(0);
  });
});
