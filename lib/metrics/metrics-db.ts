import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { getConfig } from '../config';
import { processSingleton } from '../runtime/process-singleton';
import { closeUnfinishedTurns } from './unfinished-turns';

export type MetricsDatabase = Database.Database;

interface OpenDatabase {
  file: string;
  database: MetricsDatabase;
}

const holder = processSingleton('metrics-db', () => ({ current: undefined as OpenDatabase | undefined }));

// Each entry moves the schema up one version; never edit an entry once released.
const migrations: string[] = [
  `CREATE TABLE turns (
     id TEXT PRIMARY KEY,
     started_at INTEGER NOT NULL,
     recorded_at INTEGER NOT NULL,
     endpoint TEXT NOT NULL,
     route TEXT NOT NULL,
     collections TEXT NOT NULL,
     route_reason TEXT NOT NULL,
     pinned INTEGER NOT NULL,
     model TEXT NOT NULL,
     provider TEXT NOT NULL,
     prompt_version TEXT NOT NULL,
     status TEXT NOT NULL,
     error_code TEXT,
     error_message TEXT,
     retries INTEGER NOT NULL,
     fallback_used INTEGER NOT NULL,
     cache_hit INTEGER NOT NULL,
     routing_ms REAL NOT NULL,
     retrieval_ms REAL NOT NULL,
     model_first_token_ms REAL NOT NULL,
     ttft_ms REAL NOT NULL,
     latency_ms REAL NOT NULL,
     input_tokens INTEGER NOT NULL,
     output_tokens INTEGER NOT NULL,
     tokens_per_second REAL NOT NULL,
     cost_usd REAL NOT NULL,
     question TEXT,
     sources TEXT NOT NULL
   );
   CREATE INDEX turns_started_at ON turns (started_at);
   CREATE TABLE feedback (
     turn_id TEXT PRIMARY KEY REFERENCES turns (id) ON DELETE CASCADE,
     rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
     comment TEXT,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE alerts (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     rule TEXT NOT NULL,
     severity TEXT NOT NULL,
     message TEXT NOT NULL,
     value REAL NOT NULL,
     threshold REAL NOT NULL,
     peak_value REAL NOT NULL,
     fired_at INTEGER NOT NULL,
     resolved_at INTEGER
   );
   CREATE INDEX alerts_active ON alerts (rule) WHERE resolved_at IS NULL;
   CREATE INDEX alerts_fired_at ON alerts (fired_at);
   CREATE TABLE health_probe (id INTEGER PRIMARY KEY CHECK (id = 1), checked_at INTEGER NOT NULL);`,
  // Timings that were never measured (no first token, no tokens, a turn still running) are
  // NULL rather than 0, so percentiles leave them out; the 0s older versions wrote for "not
  // measured" become NULL. `owner` names the process running an `in_progress` turn.
  `CREATE TABLE turns_next (
     id TEXT PRIMARY KEY,
     started_at INTEGER NOT NULL,
     recorded_at INTEGER NOT NULL,
     endpoint TEXT NOT NULL,
     route TEXT NOT NULL,
     collections TEXT NOT NULL,
     route_reason TEXT NOT NULL,
     pinned INTEGER NOT NULL,
     model TEXT NOT NULL,
     provider TEXT NOT NULL,
     prompt_version TEXT NOT NULL,
     status TEXT NOT NULL,
     error_code TEXT,
     error_message TEXT,
     retries INTEGER NOT NULL,
     fallback_used INTEGER NOT NULL,
     cache_hit INTEGER NOT NULL,
     routing_ms REAL,
     retrieval_ms REAL,
     model_first_token_ms REAL,
     ttft_ms REAL,
     latency_ms REAL,
     input_tokens INTEGER NOT NULL,
     output_tokens INTEGER NOT NULL,
     tokens_per_second REAL,
     cost_usd REAL NOT NULL,
     question TEXT,
     sources TEXT NOT NULL,
     owner TEXT
   );
   INSERT INTO turns_next SELECT id, started_at, recorded_at, endpoint, route, collections, route_reason,
     pinned, model, provider, prompt_version, status, error_code, error_message, retries, fallback_used,
     cache_hit, routing_ms, retrieval_ms,
     CASE WHEN model_first_token_ms > 0 THEN model_first_token_ms END,
     CASE WHEN ttft_ms > 0 THEN ttft_ms END,
     latency_ms, input_tokens, output_tokens,
     CASE WHEN tokens_per_second > 0 THEN tokens_per_second END,
     cost_usd, question, sources, NULL
   FROM turns;
   DROP TABLE turns;
   ALTER TABLE turns_next RENAME TO turns;
   CREATE INDEX turns_started_at ON turns (started_at);
   CREATE INDEX turns_in_progress ON turns (status) WHERE status = 'in_progress';`,
];

/** Where the metrics database lives for the current configuration. */
export function metricsDatabaseFile(): string {
  return path.join(getConfig().DATA_DIR, 'metrics', 'metrics.db');
}

function open(file: string): MetricsDatabase {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new Database(file);
  // WAL lets the dashboard read while turns are being written. busy_timeout covers a second
  // process (the CLI health check) holding the write lock for a moment; it is short because
  // waiting blocks the event loop, and a write that still fails is buffered, not lost.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 1000');
  // Off while migrating (better-sqlite3 turns it on by default): rebuilding the turns table
  // with foreign keys on would cascade-delete every feedback row.
  database.pragma('foreign_keys = OFF');
  const version = Number(database.pragma('user_version', { simple: true }));
  for (let index = version; index < migrations.length; index += 1) {
    database.transaction(() => {
      database.exec(migrations[index]);
      database.pragma(`user_version = ${index + 1}`);
    })();
  }
  database.pragma('foreign_keys = ON');
  closeUnfinishedTurns(database, Date.now());
  return database;
}

/**
 * The metrics database for the configured DATA_DIR, opened once per process. A changed
 * DATA_DIR (tests) closes the old file and opens the new one.
 */
export function getMetricsDatabase(): MetricsDatabase {
  const file = metricsDatabaseFile();
  if (holder.current?.file === file) return holder.current.database;
  holder.current?.database.close();
  holder.current = { file, database: open(file) };
  return holder.current.database;
}

const statementCache = new WeakMap<MetricsDatabase, Map<string, Database.Statement>>();

/** A prepared statement on the current metrics database, compiled once per connection. */
export function prepared(sql: string): Database.Statement {
  const database = getMetricsDatabase();
  let statements = statementCache.get(database);
  if (!statements) {
    statements = new Map();
    statementCache.set(database, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = database.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}

/** Closes the database if open (tests, shutdown). The next use reopens it. */
export function closeMetricsDatabase(): void {
  holder.current?.database.close();
  holder.current = undefined;
}
