import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as chat } from '@/app/api/chat/route';
import { POST as feedback } from '@/app/api/feedback/route';
import { setTurnDependencies } from '@/lib/chat/turn-dependencies';
import { setConfig } from '@/lib/config';
import { ingestCollection } from '@/lib/ingest/ingest-collection';
import { closeMetricsDatabase, prepared } from '@/lib/metrics/metrics-db';
import { flushPendingTurns } from '@/lib/metrics/turn-write-buffer';
import { resetResilienceState } from '@/lib/resilience/reset-resilience-state';
import { createFakeOpenAIServer, type FakeOpenAIServer } from '@/tests/support/fake-openai-server';
import { type RouteServer, serveRoute } from '@/tests/support/route-server';
import { uiChunks } from '@/tests/support/sse';

const root = path.resolve(__dirname, '../..');
const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'pii-normalisation-'));

/** Personal data written the way a careless or evasive user writes it, and what it masks to. */
const disguised: [label: string, text: string, placeholder: string][] = [
  ['a 10-digit phone number', '4155552671', '[PHONE]'],
  ['a card with no-break spaces', '4111\u00a01111\u00a01111\u00a01111', '[CARD]'],
  ['a card with dots', '4111.1111.1111.1111', '[CARD]'],
  ['a card with zero-width spaces', '4111\u200b1111\u200b1111\u200b1111', '[CARD]'],
  ['a card in Arabic-Indic digits', '٤١١١ ١١١١ ١١١١ ١١١١', '[CARD]'],
  ['a phone number in Eastern Arabic digits', '۴۱۵-۵۵۵-۲۶۷۱', '[PHONE]'],
  ['an email with a zero-width space', 'jane.doe\u200b@example.com', '[EMAIL]'],
  ['an email in fullwidth forms', 'ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ', '[EMAIL]'],
  ['an email with (at) and (dot)', 'jane.doe (at) example (dot) com', '[EMAIL]'],
  ['an email with [at] and [dot]', 'jane.doe[at]example[dot]org', '[EMAIL]'],
  ['an email spelled with at and dot', 'jane.doe at example dot com', '[EMAIL]'],
];

/** Every way a disguised value could leak: as written, and folded to plain ASCII digits and letters. */
function leakForms(text: string): string[] {
  const folded = text.normalize('NFKC').replace(/\p{Cf}/gu, '');
  const digits = folded.replace(/\D/g, '');
  return [text, folded, ...(digits.length >= 9 ? [digits] : [])];
}

let upstream: FakeOpenAIServer;
let chatServer: RouteServer;
let feedbackServer: RouteServer;
let logged = '';

beforeAll(async () => {
  upstream = await createFakeOpenAIServer();
  chatServer = await serveRoute(chat);
  feedbackServer = await serveRoute(feedback);
  setConfig({
    DATA_DIR: dataDirectory,
    OPENAI_BASE_URL: upstream.baseURL,
    OPENAI_API_KEY: 'test-key',
    CHAT_MODEL: 'gpt-4o-mini',
    EMBEDDINGS: 'openai',
    ROUTER: 'llm',
    QUERY_REWRITE: 'llm',
    PII_MODE: 'mask',
    UPSTREAM_REQUESTS_PER_MINUTE: '0',
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'debug',
  });
  resetResilienceState();
  const quiet = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  for (const collection of ['javascript', 'python']) {
    await ingestCollection({ directory: path.join(root, 'data/corpus', collection), collection });
  }
  quiet.mockRestore();
  // The real dependencies (router, retriever, embedder, model chain), without the shared cache.
  setTurnDependencies({});
}, 60_000);
afterEach(() => {
  upstream.reset();
  vi.restoreAllMocks();
});
afterAll(async () => {
  setTurnDependencies(undefined);
  closeMetricsDatabase();
  setConfig({});
  await Promise.all([upstream.close(), chatServer.close(), feedbackServer.close()]);
  fs.rmSync(dataDirectory, { recursive: true, force: true });
});

function captureLogs(): void {
  logged = '';
  const capture = (chunk: unknown) => {
    logged += String(chunk);
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
}

async function askWithHistory(question: string, history: { role: string; text: string }[]) {
  const messages = [...history, { role: 'user', text: question }].map((message, index) => ({
    id: `m${index}`,
    role: message.role,
    parts: [{ type: 'text', text: message.text }],
  }));
  const response = await fetch(`${chatServer.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages }),
  });
  expect(response.status).toBe(200);
  return { chunks: await uiChunks(response), turnId: response.headers.get('x-turn-id') ?? '' };
}

describe('disguised personal data on the chat path', () => {
  it.each(disguised)(
    '%s is masked before the router, the embedder, the rewrite and the answer model',
    async (_label, text, placeholder) => {
      captureLogs();
      const history = [
        { role: 'user', text: `How do I cancel a fetch request? I am reachable at ${text}` },
        { role: 'assistant', text: `Noted: ${text}. Use an AbortController [1].` },
      ];
      const { chunks } = await askWithHistory(
        `And what about it with a timeout? My details: ${text}`,
        history,
      );
      expect(chunks.find((chunk) => chunk.type === 'data-metrics')).toMatchObject({ data: { status: 'ok' } });

      const embeddings = upstream.requests.filter((request) => request.path.endsWith('/embeddings'));
      const completions = upstream.requests.filter((request) => request.path.endsWith('/chat/completions'));
      // The router, the follow-up rewrite and the answer each made a model call; the query was embedded.
      expect(completions.length).toBeGreaterThanOrEqual(3);
      expect(embeddings.length).toBeGreaterThanOrEqual(1);
      const sent = JSON.stringify(upstream.requests.map((request) => request.body));
      expect(sent).toContain(placeholder);
      for (const form of leakForms(text)) {
        expect(sent).not.toContain(JSON.stringify(form).slice(1, -1));
        expect(logged).not.toContain(form);
      }
      flushPendingTurns();
      const stored = prepared('SELECT question FROM turns ORDER BY rowid DESC LIMIT 1').get() as {
        question: string;
      };
      expect(stored.question).toContain(placeholder);
      for (const form of leakForms(text)) expect(stored.question).not.toContain(form);
    },
  );

  it('keeps the rest of the question as written: only the disguised span is replaced', async () => {
    const { chunks } = await askWithHistory(
      'How do I cancel a fetch request? Ｍｙ ｎｕｍｂｅｒ：٤١٥٥٥٥٢٦٧١ ✓',
      [],
    );
    expect(chunks.find((chunk) => chunk.type === 'data-metrics')).toMatchObject({ data: { status: 'ok' } });
    const answerCall = upstream.requests.at(-1);
    const prompt = JSON.stringify(answerCall?.body);
    expect(prompt).toContain('Ｍｙ ｎｕｍｂｅｒ：[PHONE] ✓');
  });
});

describe('disguised personal data in feedback comments', () => {
  it('is masked before the comment is stored', async () => {
    const { turnId } = await askWithHistory('How do I cancel a fetch request?', []);
    flushPendingTurns();
    const comment = disguised.map(([, text]) => text).join(' ; ');
    const response = await fetch(`${feedbackServer.url}/api/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ turnId, rating: 'down', comment }),
    });
    expect(response.status).toBe(200);
    const stored = prepared('SELECT comment FROM feedback WHERE turn_id = ?').get(turnId) as {
      comment: string;
    };
    for (const [, text, placeholder] of disguised) {
      expect(stored.comment).toContain(placeholder);
      for (const form of leakForms(text)) expect(stored.comment).not.toContain(form);
    }
    expect(stored.comment.split(' ; ')).toHaveLength(disguised.length);
  });
});
