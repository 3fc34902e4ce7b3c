import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTurnRecord, useTemporaryDataDir } from '@/tests/support/metrics-fixtures';
import { trackInFlight } from '../metrics/in-flight';
import { getMetricsDatabase } from '../metrics/metrics-db';
import { getTurn } from '../metrics/turn-store';
import { pendingTurnCount } from '../metrics/turn-write-buffer';
import { renderPrometheusMetrics } from '../operations/prometheus-exposition';
import { recordTurn } from './record-turn';

const run = promisify(execFile);
let temporary: ReturnType<typeof useTemporaryDataDir>;

beforeEach(() => {
  temporary = useTemporaryDataDir();
});
afterEach(() => temporary.cleanup());

function storedTurnCount(): number {
  return (getMetricsDatabase().prepare('SELECT COUNT(*) AS count FROM turns').get() as { count: number })
    .count;
}

describe('recordTurn', () => {
  it('keeps every turn when many finish concurrently', async () => {
    const records = Array.from({ length: 500 }, () => makeTurnRecord());
    await Promise.all(
      records.map(async (record, index) => {
        await new Promise((resolve) => setTimeout(resolve, index % 7));
        recordTurn(record);
      }),
    );
    expect(storedTurnCount()).toBe(500);
  });

  it('keeps every turn when several processes write the same database at once', async () => {
    const writer = path.resolve('tests/support/metrics-writer-process.ts');
    const tsx = path.resolve('node_modules/.bin/tsx');
    const environment = { ...process.env, DATA_DIR: temporary.directory, LOG_LEVEL: 'silent' };
    await Promise.all(
      ['a', 'b', 'c'].map((prefix) =>
        run(tsx, [writer, '300', prefix], { env: environment, timeout: 60_000 }),
      ),
    );
    expect(storedTurnCount()).toBe(900);
  }, 90_000);

  it('stores the question only when STORE_QUESTIONS allows it', () => {
    const kept = makeTurnRecord({ question: 'How do I sort a list?' });
    recordTurn(kept);
    expect(getTurn(kept.id)?.question).toBe('How do I sort a list?');
    temporary.cleanup();
    temporary = useTemporaryDataDir({ STORE_QUESTIONS: 'off' });
    const dropped = makeTurnRecord({ question: 'How do I sort a list?' });
    recordTurn(dropped);
    expect(getTurn(dropped.id)).toBeDefined();
    expect(getTurn(dropped.id)?.question).toBeUndefined();
  });

  it('does not throw when the database is locked, and writes the turn once it is free', () => {
    const blocker = getMetricsDatabase();
    const other = new (blocker.constructor as typeof import('better-sqlite3'))(blocker.name);
    other.pragma('busy_timeout = 0');
    other.exec('BEGIN IMMEDIATE');
    const record = makeTurnRecord();
    expect(() => recordTurn(record)).not.toThrow();
    expect(pendingTurnCount()).toBe(1);
    other.exec('ROLLBACK');
    other.close();
    recordTurn(makeTurnRecord());
    expect(pendingTurnCount()).toBe(0);
    expect(getTurn(record.id)).toBeDefined();
  }, 20_000);

  it('feeds the Prometheus counters, histograms and gauges', async () => {
    const finish = trackInFlight();
    recordTurn(makeTurnRecord({ collections: ['python'], ttftMs: 250, retries: 2, fallbackUsed: true }));
    recordTurn(makeTurnRecord({ status: 'error', collections: ['python'], ttftMs: 0, outputTokens: 0 }));
    const { body, contentType } = await renderPrometheusMetrics();
    finish();
    finish();
    expect(contentType).toContain('text/plain');
    expect(body).toMatch(/docs_chat_turns_total\{status="ok",route="python",model="gpt-4o-mini"\} \d+/);
    expect(body).toMatch(/docs_chat_turns_total\{status="error",route="python",model="gpt-4o-mini"\} \d+/);
    expect(body).toContain('docs_chat_ttft_seconds_bucket{le="0.25",model="gpt-4o-mini",route="python"}');
    expect(body).toContain('docs_chat_tokens_per_second_count');
    expect(body).toContain('docs_chat_turn_latency_seconds_sum');
    expect(body).toMatch(/docs_chat_retries_total\{model="gpt-4o-mini"\} \d+/);
    expect(body).toMatch(/docs_chat_fallbacks_total\{model="gpt-4o-mini"\} \d+/);
    expect(body).toMatch(/docs_chat_tokens_total\{model="gpt-4o-mini",direction="output"\} \d+/);
    expect(body).toContain('docs_chat_cost_usd_total');
    expect(body).toMatch(/docs_chat_in_flight_turns 1\b/);
    const after = await renderPrometheusMetrics();
    expect(after.body).toMatch(/docs_chat_in_flight_turns 0\b/);
  });
});
