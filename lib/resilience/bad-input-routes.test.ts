import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as chat } from '@/app/api/chat/route';
import { POST as feedback } from '@/app/api/feedback/route';
import { POST as login } from '@/app/api/login/route';
import { POST as completions } from '@/app/v1/chat/completions/route';
import { type RouteServer, serveRoute } from '@/tests/support/route-server';
import { createTurnHarness } from '@/tests/support/turn-harness';
import { setTurnDependencies } from '../chat/turn-dependencies';
import { setConfig } from '../config';
import { setClientRateLimiter } from './client-rate-limit';

const endpoints = {
  '/api/chat': chat,
  '/v1/chat/completions': completions,
  '/api/feedback': feedback,
  '/api/login': login,
};
const servers: Record<string, RouteServer> = {};

/** Garbage every JSON endpoint must refuse with a 400 and a JSON error, never a 500 or a hang. */
const malformedBodies: [string, string][] = [
  ['empty body', ''],
  ['invalid JSON', '{"messages": [1,'],
  ['JSON null', 'null'],
  ['a JSON array', '[]'],
  ['a JSON string', '"hello"'],
  ['wrong types', '{"messages": 42, "model": 7, "turnId": false, "rating": "x", "token": 12}'],
  ['deeply nested', `${'['.repeat(5_000)}${']'.repeat(5_000)}`],
  ['over the size limit', JSON.stringify({ messages: [{ role: 'user', content: 'x'.repeat(1_200_000) }] })],
];

async function send(path: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${servers[path].url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    signal: AbortSignal.timeout(10_000),
  });
}

function errorOf(body: unknown): { code?: unknown; message?: unknown } {
  return (body as { error?: { code?: unknown; message?: unknown } }).error ?? {};
}

beforeAll(async () => {
  setConfig({ LOG_LEVEL: 'silent', MAX_QUESTION_CHARS: '200', MAX_HISTORY_MESSAGES: '10' });
  setClientRateLimiter(null);
  setTurnDependencies(createTurnHarness({ maxQuestionChars: 200, maxHistoryMessages: 10 }).dependencies);
  for (const [path, handler] of Object.entries(endpoints)) servers[path] = await serveRoute(handler);
});
afterAll(async () => {
  setTurnDependencies(undefined);
  setClientRateLimiter(undefined);
  setConfig({});
  await Promise.all(Object.values(servers).map((server) => server.close()));
});

describe('bad input to every JSON endpoint', () => {
  for (const path of Object.keys(endpoints)) {
    it(`${path}: malformed bodies get 400 with a JSON error (code and message)`, async () => {
      for (const [label, body] of malformedBodies) {
        const response = await send(path, body);
        expect(response.status, `${path} ${label}`).toBe(400);
        expect(response.headers.get('content-type')).toContain('application/json');
        const error = errorOf(await response.json());
        expect(error.code, `${path} ${label}`).toBe('bad_request');
        expect(typeof error.message).toBe('string');
      }
    });
  }
});

describe('bad questions on both chat endpoints', () => {
  const ui = (text: string, role = 'user') => ({ id: 'm', role, parts: [{ type: 'text', text }] });
  const history = (count: number) =>
    Array.from({ length: count }, (_, index) => ui(`message ${index}`, index % 2 ? 'assistant' : 'user'));
  const cases: [string, unknown, unknown, string][] = [
    [
      'empty question',
      { messages: [ui('')] },
      { model: 'm', messages: [{ role: 'user', content: '' }] },
      'bad_request',
    ],
    [
      'whitespace question',
      { messages: [ui(' \n\t ')] },
      { model: 'm', messages: [{ role: 'user', content: '   ' }] },
      'bad_request',
    ],
    [
      'question over the size limit',
      { messages: [ui('why '.repeat(60))] },
      { model: 'm', messages: [{ role: 'user', content: 'why '.repeat(60) }] },
      'bad_request',
    ],
    [
      'huge message history',
      { messages: [...history(40), ui('and now?')] },
      {
        model: 'm',
        messages: Array.from({ length: 41 }, (_, index) => ({
          role: index % 2 ? 'assistant' : 'user',
          content: `message ${index}`,
        })),
      },
      'bad_request',
    ],
    [
      'unknown collection',
      { messages: [ui('How do I sort?')], collection: 'cobol' },
      { model: 'm', collection: 'cobol', messages: [{ role: 'user', content: 'How do I sort?' }] },
      'unknown_collection',
    ],
  ];
  for (const [label, chatBody, completionsBody, code] of cases) {
    it(`${label}: 400 ${code} before any stream starts`, async () => {
      const fromChat = await send('/api/chat', JSON.stringify(chatBody));
      expect(fromChat.status).toBe(400);
      expect(errorOf(await fromChat.json()).code).toBe(code);
      const fromCompletions = await send(
        '/v1/chat/completions',
        JSON.stringify({ ...(completionsBody as object), stream: true }),
      );
      expect(fromCompletions.status).toBe(400);
      expect(errorOf(await fromCompletions.json()).code).toBe(code);
    });
  }
});
