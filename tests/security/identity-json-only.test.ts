import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as chat } from '@/app/api/chat/route';
import { POST as feedback } from '@/app/api/feedback/route';
import { POST as login } from '@/app/api/login/route';
import { POST as retrieve } from '@/app/api/retrieve/route';
import { POST as completions } from '@/app/v1/chat/completions/route';
import { setConfig } from '@/lib/config';
import { setClientRateLimiter } from '@/lib/resilience/client-rate-limit';
import { type RouteServer, serveRoute } from '@/tests/support/route-server';

const endpoints = {
  '/api/chat': chat,
  '/v1/chat/completions': completions,
  '/api/feedback': feedback,
  '/api/login': login,
  '/api/retrieve': retrieve,
};
const servers: Record<string, RouteServer> = {};

/** What a cross-site HTML form (or a careless client) can send without a CORS preflight. */
const formContentTypes = [
  'text/plain',
  'text/plain;charset=UTF-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
];

function send(path: string, contentType: string | undefined, body = '{"token":"x"}'): Promise<Response> {
  return fetch(`${servers[path].url}${path}`, {
    method: 'POST',
    // A Blob without a type lets fetch send no Content-Type at all.
    headers: contentType ? { 'content-type': contentType } : {},
    body: contentType ? body : new Blob([body]),
    signal: AbortSignal.timeout(10_000),
  });
}

beforeAll(async () => {
  setConfig({ LOG_LEVEL: 'silent', ADMIN_TOKEN: 'json-only-admin-token' });
  setClientRateLimiter(null);
  for (const [path, handler] of Object.entries(endpoints)) servers[path] = await serveRoute(handler);
});
afterAll(async () => {
  setClientRateLimiter(undefined);
  setConfig({});
  await Promise.all(Object.values(servers).map((server) => server.close()));
});

describe('JSON endpoints accept only application/json bodies', () => {
  for (const path of Object.keys(endpoints)) {
    it(`${path}: a form-style or untyped body gets 415 with a JSON error`, async () => {
      for (const contentType of [...formContentTypes, undefined]) {
        const response = await send(path, contentType);
        expect(response.status, `${contentType}`).toBe(415);
        expect(response.headers.get('content-type')).toContain('application/json');
        const { error } = await response.json();
        expect(error.code).toBe('unsupported_media_type');
        expect(error.message).toMatch(/application\/json/);
      }
    });

    it(`${path}: application/json with a charset is still read`, async () => {
      const response = await send(path, 'application/json; charset=utf-8', '{}');
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).not.toBe('unsupported_media_type');
    });
  }
});
