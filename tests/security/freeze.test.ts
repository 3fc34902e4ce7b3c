import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as chat } from '@/app/api/chat/route';
import { GET as live } from '@/app/api/health/live/route';
import { POST as completions } from '@/app/v1/chat/completions/route';
import { setTurnDependencies } from '@/lib/chat/turn-dependencies';
import { setConfig } from '@/lib/config';
import { setClientRateLimiter } from '@/lib/resilience/client-rate-limit';
import { type RouteServer, serveRoute } from '@/tests/support/route-server';
import { createTurnHarness, type TurnHarness } from '@/tests/support/turn-harness';

const endpoints = { '/api/chat': chat, '/v1/chat/completions': completions, '/api/health/live': live };
const servers: Record<string, RouteServer> = {};
let harness: TurnHarness;

const ui = (text: string, role = 'user') => ({ id: 'm', role, parts: [{ type: 'text', text }] });

function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${servers[path].url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
}

async function errorCode(response: Response): Promise<unknown> {
  return ((await response.json()) as { error?: { code?: unknown } }).error?.code;
}

beforeAll(async () => {
  setConfig({ LOG_LEVEL: 'silent' });
  setClientRateLimiter(null);
  harness = createTurnHarness();
  setTurnDependencies(harness.dependencies);
  for (const [path, handler] of Object.entries(endpoints)) {
    servers[path] = await serveRoute(handler as (request: Request) => Promise<Response>);
  }
});
afterAll(async () => {
  setTurnDependencies(undefined);
  setClientRateLimiter(undefined);
  setConfig({});
  await Promise.all(Object.values(servers).map((server) => server.close()));
});

/** Questions just under the 4,000-character limit that used to hold the event loop for seconds. */
const pathologicalQuestions: [string, string][] = [
  ['CJK run', '文件'.repeat(1995)],
  ['emoji run', '😀'.repeat(1995)],
  ['combining-mark run', `a${'\u0301'.repeat(3990)}`],
  ['whitespace run', `How do I sort${' '.repeat(3980)}?`],
  ['repeated closing tags', '</document>'.repeat(360)],
];

describe('pathological questions do not freeze the server', () => {
  for (const [label, question] of pathologicalQuestions) {
    it(`${label}: /api/chat answers normally while /api/health/live keeps answering`, async () => {
      const turn = post('/api/chat', { messages: [ui(question)] }).then(async (response) => ({
        status: response.status,
        body: await response.text(),
      }));
      const health = await fetch(`${servers['/api/health/live'].url}/api/health/live`, {
        signal: AbortSignal.timeout(15_000),
      });
      expect(health.status).toBe(200);
      const answered = await turn;
      expect(answered.status).toBe(200);
      expect(answered.body).toContain('"type":"finish"');
    });

    it(`${label}: /v1/chat/completions answers normally`, async () => {
      const response = await post('/v1/chat/completions', {
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: question }],
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { choices: { message: { content: string } }[] };
      expect(body.choices[0].message.content.length).toBeGreaterThan(0);
    });
  }
});

/** 6,000 ideographs that mostly take one or two tokens each: within the character limits, over the token limit. */
const rareIdeographs = Array.from({ length: 6000 }, (_, index) =>
  String.fromCodePoint(0x4e00 + ((index * 7919) % 20_000)),
).join('');

describe('whole-request limits give a fast 400 on both chat endpoints', () => {
  const secretLabelHistory = `password=${' '.repeat(50_000)}`;
  const cases: [string, { role: string; text: string }[], string][] = [
    [
      'a 50 KB history message',
      [{ role: 'user', text: secretLabelHistory }],
      'characters long; the limit is 8000',
    ],
    [
      'a history over the total character limit',
      Array.from({ length: 6 }, (_, index) => ({
        role: index % 2 ? 'assistant' : 'user',
        text: 'word '.repeat(1500),
      })),
      'The conversation is 45000 characters long; the limit is 32000',
    ],
    [
      'a history over the token limit',
      Array.from({ length: 4 }, (_, index) => ({
        role: index % 2 ? 'assistant' : 'user',
        text: rareIdeographs,
      })),
      'longer than 16000 tokens',
    ],
  ];
  for (const [label, history, message] of cases) {
    it(`${label}: 400 bad_request with a clear message, on /api/chat and /v1/chat/completions`, async () => {
      const recorded = harness.records.length;
      const fromChat = await post('/api/chat', {
        messages: [...history.map((turn) => ui(turn.text, turn.role)), ui('and now?')],
      });
      expect(fromChat.status).toBe(400);
      const chatBody = (await fromChat.json()) as { error: { code: string; message: string } };
      expect(chatBody.error.code).toBe('bad_request');
      expect(chatBody.error.message).toContain(message);

      const fromCompletions = await post('/v1/chat/completions', {
        model: 'gpt-4o-mini',
        messages: [
          ...history.map((turn) => ({ role: turn.role, content: turn.text })),
          { role: 'user', content: 'and now?' },
        ],
      });
      expect(fromCompletions.status).toBe(400);
      expect(await errorCode(fromCompletions)).toBe('bad_request');
      expect(harness.records.length).toBe(recorded);
    });
  }
});
