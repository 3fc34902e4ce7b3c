import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useTemporaryDataDir } from '@/tests/support/metrics-fixtures';
import { setConfig } from '../config';
import { flushAuditAggregates, maxOpenAggregates, openAuditAggregates } from './audit-aggregate';
import { appendAudit, readAuditEvents } from './audit-log';

let dataDir: string;
let cleanup: () => void;
beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2025-06-01T00:00:00Z') });
  ({ directory: dataDir, cleanup } = useTemporaryDataDir());
});
afterEach(() => {
  flushAuditAggregates();
  vi.useRealTimers();
  cleanup();
});

const failure = (ip: string, reason = 'wrong token') =>
  appendAudit({ actor: 'anonymous', ip, action: 'admin.login', result: 'denied', details: { reason } });

describe('folding repeated failures', () => {
  it('writes the first failure, then one summary when the window closes', () => {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      failure('10.0.0.1');
      vi.advanceTimersByTime(100);
    }
    expect(readAuditEvents()).toHaveLength(1);
    vi.advanceTimersByTime(60_000);
    const [summary, first] = readAuditEvents();
    expect(first.count).toBeUndefined();
    expect(summary).toMatchObject({
      action: 'admin.login',
      result: 'denied',
      ip: '10.0.0.1',
      count: 49,
      firstAt: '2025-06-01T00:00:00.100Z',
      lastAt: '2025-06-01T00:00:04.900Z',
    });
    expect(openAuditAggregates()).toBe(0);
  });

  it('starts a new entry after the window, and writes nothing more for a single failure', () => {
    failure('10.0.0.2');
    vi.advanceTimersByTime(61_000);
    failure('10.0.0.2');
    vi.advanceTimersByTime(61_000);
    expect(readAuditEvents().map((event) => event.count)).toEqual([undefined, undefined]);
  });

  it('keeps clients and kinds of failure apart', () => {
    failure('10.0.0.3');
    failure('10.0.0.4');
    failure('10.0.0.3');
    failure('10.0.0.4');
    failure('10.0.0.4');
    flushAuditAggregates();
    const counts = readAuditEvents().map((event) => [event.ip, event.count]);
    expect(counts).toEqual(
      expect.arrayContaining([
        ['10.0.0.3', 1],
        ['10.0.0.4', 2],
        ['10.0.0.3', undefined],
        ['10.0.0.4', undefined],
      ]),
    );
    expect(counts).toHaveLength(4);
  });

  it('bounds the open aggregates, writing the oldest summary early to make room', () => {
    for (let client = 0; client <= maxOpenAggregates; client += 1) {
      failure(`10.1.${Math.floor(client / 256)}.${client % 256}`);
      if (client === 0) failure('10.1.0.0');
    }
    expect(openAuditAggregates()).toBe(maxOpenAggregates);
    const [newest, summary] = readAuditEvents(2);
    expect([newest.ip, newest.count]).toEqual(['10.1.3.232', undefined]);
    expect(summary).toMatchObject({ ip: '10.1.0.0', count: 1 });
  });

  it('can be turned off', () => {
    setConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', AUDIT_AGGREGATE_WINDOW_SECONDS: '0' });
    failure('10.0.0.5');
    failure('10.0.0.5');
    expect(readAuditEvents()).toHaveLength(2);
  });
});
