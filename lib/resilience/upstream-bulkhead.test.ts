import { beforeEach, describe, expect, it } from 'vitest';
import { setConfig } from '../config';
import { resetUpstreamBulkhead, withUpstreamBulkhead } from './upstream-bulkhead';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Calls that run until released, counting how many run at once. */
function gatedCalls() {
  const releases: (() => void)[] = [];
  const stats = { running: 0, peak: 0 };
  const call = (signal = new AbortController().signal) =>
    withUpstreamBulkhead(async () => {
      stats.running++;
      stats.peak = Math.max(stats.peak, stats.running);
      await new Promise<void>((resolve) => releases.push(resolve));
      stats.running--;
      return 'ran';
    }, signal);
  const releaseAll = () => {
    for (const release of releases.splice(0)) release();
  };
  return { call, releaseAll, stats };
}

beforeEach(() => {
  setConfig({ UPSTREAM_CONCURRENCY: '2', UPSTREAM_QUEUE_LIMIT: '1' });
  resetUpstreamBulkhead();
});

describe('upstream bulkhead', () => {
  it('runs at most UPSTREAM_CONCURRENCY calls at once, queues UPSTREAM_QUEUE_LIMIT, rejects the rest', async () => {
    const { call, releaseAll, stats } = gatedCalls();
    const accepted = [call(), call(), call()];
    await expect(call()).rejects.toMatchObject({ code: 'overloaded', status: 503 });
    await tick();
    expect(stats.running).toBe(2);
    releaseAll();
    await tick();
    expect(stats.running).toBe(1);
    releaseAll();
    expect(await Promise.all(accepted)).toEqual(['ran', 'ran', 'ran']);
    expect(stats.peak).toBe(2);
  });

  it('a caller that gives up while queued is not left waiting, and never runs', async () => {
    const { call, releaseAll, stats } = gatedCalls();
    const busy = [call(), call()];
    const controller = new AbortController();
    const queued = call(controller.signal);
    controller.abort(new Error('gone'));
    await expect(queued).rejects.toThrow('gone');
    await tick();
    releaseAll();
    await Promise.all(busy);
    await tick();
    expect(stats.peak).toBe(2);
    expect(stats.running).toBe(0);
  });
});
