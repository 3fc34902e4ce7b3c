import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { POST as chat } from '@/app/api/chat/route';
import { GET as health } from '@/app/api/health/route';
import { GET as summary } from '@/app/api/metrics/summary/route';
import { setTurnDependencies } from '@/lib/chat/turn-dependencies';
import { setConfig } from '@/lib/config';
import type { DashboardSummary, HealthReport } from '@/lib/contracts/dashboard';
import { closeMetricsDatabase } from '@/lib/metrics/metrics-db';
import { getTurn, listTurns } from '@/lib/metrics/turn-store';
import { pendingTurnCount } from '@/lib/metrics/turn-write-buffer';
import { createOpenAIAnswerModel } from '@/lib/models/openai-answer-model';
import { renderPrometheusMetrics } from '@/lib/operations/prometheus-exposition';
import { recordTurn } from '@/lib/operations/record-turn';
import { resetFailureEvents } from '@/lib/telemetry/failure-events';
import { createFakeOpenAIServer, type FakeOpenAIServer } from '@/tests/support/fake-openai-server';
import { createFakeRetriever } from '@/tests/support/fakes';
import { makeTurnRecord, useTemporaryDataDir } from '@/tests/support/metrics-fixtures';
import { type RouteServer, serveRoute } from '@/tests/support/route-server';
import { uiChunks } from '@/tests/support/sse';

const root = path.resolve(__dirname, '../..');
const adminToken = 'failures-metrics-admin-token';
let upstream: FakeOpenAIServer;
let chatServer: RouteServer;
let healthServer: RouteServer;
let summaryServer: RouteServer;
let dataDir: ReturnType<typeof useTemporaryDataDir>;

function configure(overrides: Record<string, string> = {}): Record<string, string> {
  const settings = {
    DATA_DIR: dataDir.directory,
    OPENAI_BASE_URL: upstream.baseURL,
    OPENAI_API_KEY: 'test-key',
    CHAT_MODEL: 'gpt-4o-mini',
    FIRST_TOKEN_TIMEOUT_MS: '60000',
    TURN_TIMEOUT_MS: '120000',
    MAX_RETRIES: '0',
    UPSTREAM_REQUESTS_PER_MINUTE: '0',
    RATE_LIMIT_PER_MINUTE: '0',
    ADMIN_TOKEN: adminToken,
    LOG_LEVEL: 'silent',
    ...overrides,
  };
  setConfig(settings);
  return settings;
}

const admin = { authorization: `Bearer ${adminToken}` };

async function readSummary(): Promise<DashboardSummary> {
  const response = await fetch(`${summaryServer.url}/api/metrics/summary?window=1h`, { headers: admin });
  expect(response.status).toBe(200);
  return (await response.json()) as DashboardSummary;
}

async function readHealth(): Promise<HealthReport> {
  return (await (await fetch(`${healthServer.url}/api/health`, { headers: admin })).json()) as HealthReport;
}

async function askChat(text: string): Promise<void> {
  const response = await fetch(`${chatServer.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text }] }] }),
  });
  expect(response.status).toBe(200);
  await uiChunks(response);
}

/** The chat route in a child process, recording into the same DATA_DIR; resolves with its URL. */
function startChatServerProcess(
  environment: Record<string, string>,
): Promise<{ child: ChildProcess; url: string }> {
  // One process (tsx as a loader), so SIGKILL hits the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/chat-server-process.ts'], {
    cwd: root,
    env: { ...process.env, ...environment, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (data: Buffer) => {
      output += data.toString();
      const url = output.match(/listening:(\S+)/)?.[1];
      if (url) resolve({ child, url });
    });
    child.on('exit', (code) => reject(new Error(`chat server exited (${code}) before listening: ${output}`)));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.on('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

beforeAll(async () => {
  upstream = await createFakeOpenAIServer();
  chatServer = await serveRoute(chat);
  healthServer = await serveRoute(health);
  summaryServer = await serveRoute((request) => summary(new NextRequest(request)));
});
afterAll(async () => {
  setTurnDependencies(undefined);
  setConfig({});
  await Promise.all([upstream.close(), chatServer.close(), healthServer.close(), summaryServer.close()]);
});
beforeEach(() => {
  // A fresh metrics database per test: each counts its own turns.
  dataDir = useTemporaryDataDir();
  configure();
  resetFailureEvents();
  const retriever = createFakeRetriever();
  setTurnDependencies({
    route: retriever.route,
    retrieve: retriever.retrieve,
    listCollections: retriever.listCollections,
  });
});
afterEach(() => {
  upstream.reset();
  dataDir.cleanup();
});

describe('turns in flight when the server is killed', () => {
  it('are stored when they start, and the next start-up marks them interrupted in the summary', async () => {
    const environment = configure();
    upstream.setDefault({ kind: 'stall' });
    const { child, url } = await startChatServerProcess(environment);
    let turnId: string | undefined;
    try {
      const request = fetch(`${url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text: 'How do I sort a list?' }] }],
        }),
      }).catch(() => undefined);
      // The turn reached the model: it has been stored as in progress and waits for a token.
      await upstream.waitFor(
        (requests) => requests.some((entry) => entry.path === '/v1/chat/completions'),
        15_000,
      );
      // Opening the database here, while the child lives, must leave its turn alone.
      const running = listTurns({ from: 0, to: Date.now() + 1, limit: 10 });
      expect(running.map((turn) => turn.status)).toEqual(['in_progress']);
      turnId = running[0].id;
      await killed(child);
      await request;
    } finally {
      if (child.exitCode === null && child.signalCode === null) await killed(child);
    }

    // A restart: the database is opened afresh by a new process (here, this one).
    closeMetricsDatabase();
    const report = await readSummary();
    expect(report.cards).toMatchObject({ turns: 1, failed: 1, errorRate: 1 });
    expect(report.filterOptions.statuses).toEqual(['interrupted']);
    expect(report.recentTurns[0]).toMatchObject({
      id: turnId,
      status: 'interrupted',
      errorCode: 'server_restarted',
      ttftMs: null,
      latencyMs: null,
    });
  }, 60_000);

  it('a turn that ends normally has exactly one row, closed with its outcome', async () => {
    await askChat('How do I read a file in Python?');
    const turns = listTurns({ from: 0, to: Date.now() + 1, limit: 10 });
    expect(turns).toHaveLength(1);
    expect(turns[0]).toMatchObject({ status: 'ok', provider: 'openai' });
    expect(turns[0].ttftMs).toBeGreaterThan(0);
  });
});

describe('unmeasured timings are NULL, not 0', () => {
  it('a turn failing before its first token stores NULL TTFT and leaves the p50 TTFT alone', async () => {
    await askChat('How do I read a file in Python?');
    const answered = (await readSummary()).cards.ttftMs.p50;
    expect(answered).toBeGreaterThan(0);

    // A turn that never gets a token (upstream 400, nothing to fall back on) but is recorded.
    upstream.script([{ kind: 'error', status: 400 }]);
    setTurnDependencies({
      ...createFakeRetriever(),
      answerModel: createOpenAIAnswerModel({
        model: 'gpt-4o-mini',
        apiKey: 'test-key',
        baseURL: upstream.baseURL,
      }),
    });
    await askChat('How do I write a file in Python?');
    const failed = listTurns({ from: 0, to: Date.now() + 1, status: 'error', limit: 10 });
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ ttftMs: null, modelFirstTokenMs: null, tokensPerSecond: null });
    const cards = (await readSummary()).cards;
    expect(cards).toMatchObject({ turns: 2, failed: 1 });
    expect(cards.ttftMs.p50).toBe(answered);
  });
});

describe('a metrics record that always fails', () => {
  it('is dropped after bounded attempts; later turns are stored and health shows metrics degraded', async () => {
    configure({ METRICS_WRITE_ATTEMPTS: '3' });
    // NOT NULL columns refuse it whatever the state of the database: a poison record.
    const poison = { ...makeTurnRecord(), endpoint: null } as unknown as Parameters<typeof recordTurn>[0];
    recordTurn(poison);
    expect(pendingTurnCount()).toBe(1);

    await askChat('How do I sort a list in Python?');
    await askChat('How do I read a file in Python?');
    // Two more attempts made with those turns: the poison record is gone, both turns are stored.
    expect(pendingTurnCount()).toBe(0);
    expect(getTurn(poison.id)).toBeUndefined();
    expect(listTurns({ from: 0, to: Date.now() + 1, status: 'ok', limit: 10 })).toHaveLength(2);

    const metricsComponent = (await readHealth()).components.find(
      (component) => component.name === 'metrics-db',
    );
    expect(metricsComponent?.status).toBe('degraded');
    expect(metricsComponent?.detail).toContain('1 turn records dropped');

    const { body } = await renderPrometheusMetrics();
    expect(body).toMatch(/docs_chat_failures_total\{kind="metrics_record_dropped"\} 1/);
  });
});
