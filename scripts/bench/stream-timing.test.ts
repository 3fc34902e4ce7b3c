import { describe, expect, it } from 'vitest';
import type { StreamMeasurement } from './stream-client';
import { streamTiming, type UpstreamRecord, upstreamByTag } from './stream-timing';

const measurement = (overrides: Partial<StreamMeasurement> = {}): StreamMeasurement => ({
  ok: true,
  status: 200,
  sentAtEpochMs: 1_000,
  headersMs: 2,
  firstTokenMs: 108,
  lastTokenMs: 708,
  totalMs: 710,
  text: 'answer',
  ...overrides,
});

const upstream: UpstreamRecord = {
  path: '/v1/chat/completions',
  body: { messages: [{ role: 'user', content: 'Question? (bqabcn7)' }] },
  receivedAt: 1_005,
  closedAt: 1_705,
  tokensSent: 61,
};

describe('streamTiming', () => {
  it('splits TTFT overhead into before-upstream and relay time, and compares streaming rates', () => {
    expect(streamTiming(measurement(), upstream, 100)).toEqual({
      ttftOverheadMs: 8,
      beforeUpstreamMs: 5,
      relayMs: 3,
      efficiency: 1,
    });
  });

  it('takes routing, retrieval and model-call time from the server record of the turn', () => {
    const serverTurn = {
      startedAt: 1_001,
      routingMs: 0.5,
      retrievalMs: 3,
      modelFirstTokenMs: 104,
      ttftMs: 106,
      cacheHit: false,
      status: 'ok' as const,
    };
    expect(streamTiming(measurement(), undefined, 100, serverTurn)).toEqual({
      ttftOverheadMs: 8,
      routingMs: 0.5,
      retrievalMs: 3,
      modelCallMs: 4,
      outsideTurnMs: 2,
    });
  });

  it('reports a client that received tokens more slowly than they were sent', () => {
    expect(streamTiming(measurement({ lastTokenMs: 858 }), upstream, 100).efficiency).toBeCloseTo(0.8);
  });

  it('gives only the TTFT overhead without an upstream record, and nothing for failures', () => {
    expect(streamTiming(measurement(), undefined, 100)).toEqual({ ttftOverheadMs: 8 });
    expect(streamTiming(measurement({ ok: false, error: 'x' }), upstream, 100)).toEqual({});
  });

  it('skips the rate for single-token streams', () => {
    expect(streamTiming(measurement(), { ...upstream, tokensSent: 1 }, 100).efficiency).toBeUndefined();
  });
});

describe('upstreamByTag', () => {
  it('finds chat requests by question tag, a retry replacing the failed attempt', () => {
    const retry = { ...upstream, receivedAt: 2_000 };
    const embeddings = { ...upstream, path: '/v1/embeddings' };
    const untagged = { ...upstream, body: { messages: [] } };
    const byTag = upstreamByTag([upstream, embeddings, untagged, retry]);
    expect([...byTag.keys()]).toEqual(['bqabcn7']);
    expect(byTag.get('bqabcn7')).toBe(retry);
  });
});
