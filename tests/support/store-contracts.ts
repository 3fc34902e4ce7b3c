/**
 * Behaviour every implementation of the record stores in lib/contracts/stores.ts must have,
 * as vitest suites. The embedded stores run them today; a shared (Redis, PostgreSQL) store
 * runs the same suite against a real server.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { AlertState, AlertStore, FeedbackStore, TurnStore } from '@/lib/contracts/stores';
import { summarizeTurns } from '@/lib/metrics/aggregate';
import { makeTurnRecord } from './metrics-fixtures';

/** Builds a store on empty state; called before every test. */
export type StoreFactory<Store> = () => Store | Promise<Store>;

const hour = 60 * 60 * 1000;
const base = 1_700_000_000_000;

/** The turn store's contract: writes are visible to reads, filters, filter menus, cost and pruning. */
export function describeTurnStore(name: string, makeStore: StoreFactory<TurnStore>): void {
  describe(`${name}: TurnStore`, () => {
    let store: TurnStore;
    beforeEach(async () => {
      store = await makeStore();
    });

    it('lists what was recorded, newest first, with filters, options and cost', async () => {
      store.record(makeTurnRecord({ id: 'old', startedAt: base, model: 'small', costUsd: 0.5 }));
      store.record(makeTurnRecord({ id: 'new', startedAt: base + 1000, status: 'error', costUsd: 0.25 }));
      const all = await store.list({ from: base, to: base + hour, limit: 10 });
      expect(all.map((turn) => turn.id)).toEqual(['new', 'old']);
      expect(
        (await store.list({ from: base, to: base + hour, status: 'error', limit: 10 })).map((t) => t.id),
      ).toEqual(['new']);
      expect((await store.filterOptions(base, base + hour)).models).toEqual(['gpt-4o-mini', 'small']);
      expect((await store.samples(base, base + hour)).map((sample) => sample.status)).toEqual([
        'ok',
        'error',
      ]);
      expect(await store.costSince(base + 500)).toBeCloseTo(0.25, 10);
      expect((await store.get('old'))?.model).toBe('small');
      expect(await store.get('missing')).toBeUndefined();
    });

    it('keeps a started turn in progress until its record replaces it, and leaves it out of samples', async () => {
      store.recordStart({ id: 'live', startedAt: base, endpoint: 'chat', model: 'm', provider: 'openai' });
      expect((await store.get('live'))?.status).toBe('in_progress');
      expect(await store.samples(base, base + hour)).toEqual([]);
      store.record(makeTurnRecord({ id: 'live', startedAt: base }));
      expect((await store.get('live'))?.status).toBe('ok');
    });

    it('counts a window and takes its p95 latency as the samples would (cancelled and in-progress turns apart)', async () => {
      const statuses = [
        'ok',
        'error',
        'timeout',
        'cancelled',
        'ok',
        'rate_limited',
        'ok',
        'interrupted',
      ] as const;
      for (const [index, status] of statuses.entries())
        store.record(
          makeTurnRecord({ id: `w${index}`, startedAt: base + index, status, latencyMs: 100 * (index + 1) }),
        );
      store.recordStart({
        id: 'live',
        startedAt: base + 50,
        endpoint: 'chat',
        model: 'm',
        provider: 'openai',
      });
      store.record(makeTurnRecord({ id: 'outside', startedAt: base + hour, latencyMs: 99_999 }));
      const cards = summarizeTurns(await store.samples(base, base + hour));
      expect(await store.windowStats(base, base + hour)).toEqual({
        turns: 8,
        cancelled: 1,
        ok: cards.ok,
        failed: cards.failed,
        p95LatencyMs: cards.latencyMs.p95,
      });
      expect(cards.latencyMs.p95).toBeCloseTo(770, 6);
      expect(await store.windowStats(base + 2 * hour, base + 3 * hour)).toEqual({
        turns: 0,
        cancelled: 0,
        ok: 0,
        failed: 0,
        p95LatencyMs: null,
      });
    });

    it('prunes turns started before the cut-off and says how many went', async () => {
      store.record(makeTurnRecord({ id: 'expired', startedAt: base }));
      store.record(makeTurnRecord({ id: 'kept', startedAt: base + hour }));
      expect(await store.prune(base + 1)).toBe(1);
      expect((await store.list({ from: 0, to: base + 2 * hour, limit: 10 })).map((turn) => turn.id)).toEqual([
        'kept',
      ]);
    });
  });
}

/** The feedback store's contract: a rating lands on a recorded turn and a new one replaces it. */
export function describeFeedbackStore(
  name: string,
  makeStores: StoreFactory<{ feedback: FeedbackStore; turns: TurnStore }>,
): void {
  describe(`${name}: FeedbackStore`, () => {
    it('rates a recorded turn, keeps the comment on a re-rating without one, refuses unknown turns', async () => {
      const { feedback, turns } = await makeStores();
      turns.record(makeTurnRecord({ id: 'rated', startedAt: base }));
      await feedback.save({ turnId: 'rated', rating: 'down', comment: 'wrong page' }, base + 1);
      const saved = await feedback.save({ turnId: 'rated', rating: 'up' }, base + 2);
      expect(saved).toMatchObject({ turnId: 'rated', rating: 'up', updatedAt: base + 2 });
      expect((await turns.get('rated'))?.feedback).toMatchObject({ rating: 'up', comment: 'wrong page' });
      await expect(feedback.save({ turnId: 'nobody', rating: 'up' }, base)).rejects.toMatchObject({
        code: 'not_found',
      });
    });
  });
}

const firing: AlertState = {
  rule: 'error_rate',
  severity: 'medium',
  message: 'Error rate 30% above 10%',
  value: 0.3,
  threshold: 0.1,
  peakValue: 0.3,
};

/** The alert store's contract: fire, update, resolve, history and pruning of resolved alerts. */
export function describeAlertStore(name: string, makeStore: StoreFactory<AlertStore>): void {
  describe(`${name}: AlertStore`, () => {
    it('fires, updates and resolves an alert, keeping it in the history', async () => {
      const store = await makeStore();
      const id = await store.insert(firing, base);
      await store.update(id, { ...firing, severity: 'high', value: 0.5, peakValue: 0.5 });
      expect(await store.listActive()).toMatchObject([
        { id, severity: 'high', peakValue: 0.5, resolvedAt: null },
      ]);
      await store.resolve(id, base + 1000);
      expect(await store.listActive()).toEqual([]);
      expect(await store.listHistory(10)).toMatchObject([{ id, resolvedAt: base + 1000 }]);
    });

    it('prunes resolved alerts past the cut-off, never firing ones', async () => {
      const store = await makeStore();
      const resolved = await store.insert(firing, base);
      await store.resolve(resolved, base + 1);
      await store.insert({ ...firing, rule: 'p95_latency' }, base);
      expect(await store.prune(base + hour)).toBe(1);
      expect((await store.listHistory(10)).map((alert) => alert.rule)).toEqual(['p95_latency']);
    });
  });
}
