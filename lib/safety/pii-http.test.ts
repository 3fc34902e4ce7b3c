import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as chat } from '@/app/api/chat/route';
import { POST as completions } from '@/app/v1/chat/completions/route';
import { createFakeOpenAIServer, type FakeOpenAIServer } from '@/tests/support/fake-openai-server';
import { uiChunks } from '@/tests/support/sse';
import { createTurnHarness } from '@/tests/support/turn-harness';
import { setTurnDependencies } from '../chat/turn-dependencies';
import { setConfig } from '../config';
import { closeMetricsDatabase, prepared } from '../metrics/metrics-db';
import { flushPendingTurns } from '../metrics/turn-write-buffer';
import { recordTurn } from '../operations/record-turn';
import { getAnswerModel } from '../providers/registry';
import { setClientRateLimiter } from '../resilience/client-rate-limit';

const secrets = [
  'jane.doe@example.com',
  '4111 1111 1111 1111',
  '+1 555 123 4567',
  'DE89 3704 0044 0532 0130 00',
];
const question = `I am ${secrets[0]}, card ${secrets[1]}: how do I cancel a fetch request?`;
const history = [
  { id: 'u0', role: 'user', parts: [{ type: 'text', text: `Call me on ${secrets[2]} about fetch` }] },
  { id: 'a0', role: 'assistant', parts: [{ type: 'text', text: `Noted, IBAN ${secrets[3]}.` }] },
];

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pii-http-'));
let server: FakeOpenAIServer;
let logged = '';

beforeAll(async () => {
  server = await createFakeOpenAIServer();
  setClientRateLimiter(null);
});
afterEach(() => {
  server.reset();
  setTurnDependencies(undefined);
  vi.restoreAllMocks();
});
afterAll(async () => {
  closeMetricsDatabase();
  setConfig({});
  setClientRateLimiter(undefined);
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The real model path (fake upstream) and the real metrics database; every log line captured. */
function useRealPath(piiMode: 'mask' | 'block') {
  setConfig({
    OPENAI_BASE_URL: server.baseURL,
    OPENAI_API_KEY: 'test-key',
    CHAT_MODEL: 'gpt-4o-mini',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'debug',
    PII_MODE: piiMode,
  });
  logged = '';
  const capture = (chunk: unknown) => {
    logged += String(chunk);
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  setTurnDependencies(createTurnHarness({ answerModel: getAnswerModel(), recordTurn }).dependencies);
}

function storedQuestions(): string[] {
  flushPendingTurns();
  return (prepared('SELECT question FROM turns').all() as { question: string | null }[]).map(
    (row) => row.question ?? '',
  );
}

const chatRequest = (body: unknown) =>
  new Request('http://app.test/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('personal data in a question', () => {
  it('never reaches the model provider, the logs or the metrics database (mask mode)', async () => {
    useRealPath('mask');
    const messages = [...history, { id: 'u1', role: 'user', parts: [{ type: 'text', text: question }] }];
    const chunks = await uiChunks(await chat(chatRequest({ messages })));
    expect(chunks.find((chunk) => chunk.type === 'data-metrics')).toMatchObject({ data: { status: 'ok' } });

    const sent = JSON.stringify(server.requests.map((request) => request.body));
    expect(server.requests.length).toBeGreaterThan(0);
    expect(sent).toContain('[EMAIL]');
    expect(sent).toContain('[CARD]');
    const stored = storedQuestions();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toContain('[EMAIL]');
    for (const secret of secrets) {
      expect(sent).not.toContain(secret);
      expect(sent).not.toContain(secret.replace(/ /g, ''));
      expect(stored[0]).not.toContain(secret);
      expect(logged).not.toContain(secret);
    }
    expect(logged).toContain('pii_redacted');
  });

  it('is masked on the OpenAI-compatible endpoint too', async () => {
    useRealPath('mask');
    const response = await completions(
      new Request('http://app.test/v1/chat/completions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'x', messages: [{ role: 'user', content: question }] }),
      }),
    );
    expect(response.status).toBe(200);
    await response.json();
    const sent = JSON.stringify(server.requests.map((request) => request.body));
    expect(sent).not.toContain(secrets[0]);
    expect(sent).toContain('[EMAIL]');
  });

  it('is refused with 400 pii_blocked in block mode: nothing sent, nothing stored', async () => {
    useRealPath('block');
    const before = storedQuestions().length;
    const response = await chat(
      chatRequest({ messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text: question }] }] }),
    );
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe('pii_blocked');
    expect(body.error.message).not.toContain(secrets[0]);
    expect(server.requests).toHaveLength(0);
    expect(storedQuestions()).toHaveLength(before);
    for (const secret of secrets) expect(logged).not.toContain(secret);
  });
});
