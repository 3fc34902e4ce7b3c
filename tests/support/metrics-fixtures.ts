/** Shared helpers for metrics tests: turn records and a throwaway DATA_DIR per test. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setConfig } from '@/lib/config';
import type { TurnRecord } from '@/lib/contracts/turn-record';
import { closeMetricsDatabase } from '@/lib/metrics/metrics-db';
import { stopMetricsJobs } from '@/lib/operations/background-jobs';

let counter = 0;

/** A successful turn with plausible timings; override what the test is about. */
export function makeTurnRecord(overrides: Partial<TurnRecord> = {}): TurnRecord {
  counter += 1;
  return {
    id: `turn-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    startedAt: Date.now(),
    endpoint: 'chat',
    collections: ['python'],
    routeReason: 'best match',
    pinned: false,
    model: 'gpt-4o-mini',
    provider: 'openai',
    promptVersion: 'answer-v1',
    status: 'ok',
    retries: 0,
    fallbackUsed: false,
    cacheHit: false,
    routingMs: 5,
    retrievalMs: 20,
    modelFirstTokenMs: 200,
    ttftMs: 230,
    latencyMs: 1200,
    inputTokens: 800,
    outputTokens: 120,
    tokensPerSecond: 125,
    costUsd: 0.0002,
    question: 'How do I use asyncio?',
    sources: [{ collection: 'python', source: 'asyncio.md', title: 'asyncio', heading: 'Tasks', score: 0.8 }],
    ...overrides,
  };
}

/**
 * Points the configuration at a fresh temporary DATA_DIR (plus any overrides) and returns
 * a cleanup that closes the database, stops timers and deletes the directory.
 */
export function useTemporaryDataDir(overrides: Record<string, string> = {}): {
  directory: string;
  cleanup: () => void;
} {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-chat-metrics-'));
  setConfig({ DATA_DIR: directory, LOG_LEVEL: 'silent', ...overrides });
  return {
    directory,
    cleanup: () => {
      stopMetricsJobs();
      closeMetricsDatabase();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
