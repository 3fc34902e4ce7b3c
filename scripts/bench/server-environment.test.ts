import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { benchServerEnvironment } from './server-environment';

describe('benchServerEnvironment', () => {
  const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-environment-'));
  afterAll(() => fs.rmSync(dataDirectory, { recursive: true, force: true }));
  const environment = benchServerEnvironment(
    {
      NODE_ENV: 'test',
      PATH: '/usr/bin',
      FALLBACK_MODEL: 'other',
      ROUTER: 'llm',
      DAILY_BUDGET_USD: '1',
      NODE_OPTIONS: '--inspect',
    },
    { dataDirectory, port: 4321, upstreamBaseURL: 'http://127.0.0.1:9/v1' },
  );

  it('points the app at the fake upstream with the limiters out of the way, as a valid configuration', () => {
    const config = parseConfig(environment);
    expect(config).toMatchObject({
      NODE_ENV: 'production',
      PORT: 4321,
      DATA_DIR: dataDirectory,
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
      RATE_LIMIT_PER_MINUTE: 0,
      ROUTER: 'local',
      EMBEDDINGS: 'local',
      STORE_QUESTIONS: 'redacted',
    });
    expect(config.UPSTREAM_CONCURRENCY).toBeGreaterThanOrEqual(50);
  });

  it('drops shell settings that would change what is measured, and keeps the rest', () => {
    expect(environment.FALLBACK_MODEL).toBeUndefined();
    expect(environment.DAILY_BUDGET_USD).toBeUndefined();
    expect(environment.NODE_OPTIONS).toBeUndefined();
    expect(environment.PATH).toBe('/usr/bin');
  });
});
