import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useTemporaryDataDir } from '@/tests/support/metrics-fixtures';
import { getMetricsDatabase } from './metrics-db';
import { getTurn } from './turn-store';

let temporary: ReturnType<typeof useTemporaryDataDir>;

beforeEach(() => {
  temporary = useTemporaryDataDir();
});
afterEach(() => temporary.cleanup());

/** A database as version 1 of the schema left it: NOT NULL timings, 0 for "not measured". */
function writeVersionOneDatabase(file: string): void {
  const columns = `id TEXT PRIMARY KEY, started_at INTEGER NOT NULL, recorded_at INTEGER NOT NULL,
    endpoint TEXT NOT NULL, route TEXT NOT NULL, collections TEXT NOT NULL, route_reason TEXT NOT NULL,
    pinned INTEGER NOT NULL, model TEXT NOT NULL, provider TEXT NOT NULL, prompt_version TEXT NOT NULL,
    status TEXT NOT NULL, error_code TEXT, error_message TEXT, retries INTEGER NOT NULL,
    fallback_used INTEGER NOT NULL, cache_hit INTEGER NOT NULL, routing_ms REAL NOT NULL,
    retrieval_ms REAL NOT NULL, model_first_token_ms REAL NOT NULL, ttft_ms REAL NOT NULL,
    latency_ms REAL NOT NULL, input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL,
    tokens_per_second REAL NOT NULL, cost_usd REAL NOT NULL, question TEXT, sources TEXT NOT NULL`;
  const database = new Database(file);
  database.exec(`CREATE TABLE turns (${columns});
    CREATE INDEX turns_started_at ON turns (started_at);
    CREATE TABLE feedback (turn_id TEXT PRIMARY KEY REFERENCES turns (id) ON DELETE CASCADE,
      rating TEXT NOT NULL, comment TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
    CREATE TABLE alerts (id INTEGER PRIMARY KEY AUTOINCREMENT, rule TEXT NOT NULL, severity TEXT NOT NULL,
      message TEXT NOT NULL, value REAL NOT NULL, threshold REAL NOT NULL, peak_value REAL NOT NULL,
      fired_at INTEGER NOT NULL, resolved_at INTEGER);
    CREATE TABLE health_probe (id INTEGER PRIMARY KEY CHECK (id = 1), checked_at INTEGER NOT NULL);
    PRAGMA user_version = 1;`);
  const insert =
    database.prepare(`INSERT INTO turns VALUES (?, 1000, 1000, 'chat', 'python', '["python"]', '',
    0, 'gpt-4o-mini', 'openai', 'v1', ?, NULL, NULL, 0, 0, 0, 5, 20, ?, ?, 900, 10, 5, ?, 0, NULL, '[]')`);
  insert.run('answered', 'ok', 200, 250, 40);
  insert.run('failed', 'error', 0, 0, 0);
  database.prepare(`INSERT INTO feedback VALUES ('answered', 'up', NULL, 1, 1)`).run();
  database.close();
}

describe('metrics database migrations', () => {
  it('makes unmeasured timings NULL, keeps measured ones and every feedback row', () => {
    fs.mkdirSync(path.join(temporary.directory, 'metrics'), { recursive: true });
    writeVersionOneDatabase(path.join(temporary.directory, 'metrics', 'metrics.db'));
    const database = getMetricsDatabase();
    expect(database.pragma('user_version', { simple: true })).toBe(2);
    expect(getTurn('answered')).toMatchObject({
      modelFirstTokenMs: 200,
      ttftMs: 250,
      tokensPerSecond: 40,
      feedback: { rating: 'up' },
    });
    expect(getTurn('failed')).toMatchObject({ modelFirstTokenMs: null, ttftMs: null, tokensPerSecond: null });
    expect(database.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});
