import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as unknownApi from '@/app/api/[[...path]]/route';
import * as chat from '@/app/api/chat/route';
import * as feedback from '@/app/api/feedback/route';
import * as health from '@/app/api/health/route';
import * as login from '@/app/api/login/route';
import * as retrieve from '@/app/api/retrieve/route';
import * as unknownV1 from '@/app/v1/[[...path]]/route';
import * as completions from '@/app/v1/chat/completions/route';
import { setConfig } from '@/lib/config';
import { type RouteServer, serveRoute } from '@/tests/support/route-server';

type RouteModule = Record<string, unknown>;
const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * Dispatches by method to a route module's exports as Next.js does; a method the module
 * does not export gets Next.js's own answer, a 405 without a body.
 */
function dispatch(module: RouteModule) {
  return (request: Request): Promise<Response> | Response => {
    const handler = module[request.method];
    if (typeof handler !== 'function') return new Response(null, { status: 405 });
    return (handler as (request: Request) => Promise<Response> | Response)(request);
  };
}

const modules: Record<string, RouteModule> = {
  '/api/chat': chat,
  '/api/feedback': feedback,
  '/api/health': health,
  '/api/login': login,
  '/api/retrieve': retrieve,
  '/v1/chat/completions': completions,
  '/api/no-such-endpoint': unknownApi,
  '/v1/models': unknownV1,
};
const servers: Record<string, RouteServer> = {};

function call(path: string, method: string): Promise<Response> {
  return fetch(`${servers[path].url}${path}`, { method, signal: AbortSignal.timeout(10_000) });
}

beforeAll(async () => {
  setConfig({ LOG_LEVEL: 'silent' });
  for (const [path, module] of Object.entries(modules)) servers[path] = await serveRoute(dispatch(module));
});
afterAll(async () => {
  setConfig({});
  await Promise.all(Object.values(servers).map((server) => server.close()));
});

describe('a wrong method gets a JSON 405 with Allow', () => {
  it.each([
    ['PUT', '/api/chat', 'POST, OPTIONS'],
    ['GET', '/api/chat', 'POST, OPTIONS'],
    ['GET', '/api/feedback', 'POST, OPTIONS'],
    ['DELETE', '/api/retrieve', 'POST, OPTIONS'],
    ['POST', '/api/health', 'GET, HEAD, OPTIONS'],
    ['PATCH', '/api/login', 'POST, DELETE, OPTIONS'],
  ])('%s %s', async (method, path, allow) => {
    const response = await call(path, method);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(allow);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({
      error: { code: 'method_not_allowed', message: 'This endpoint does not accept that method.' },
    });
  });

  it('on /v1 in the OpenAI error shape', async () => {
    const response = await call('/v1/chat/completions', 'GET');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
    expect((await response.json()).error).toMatchObject({
      code: 'method_not_allowed',
      type: 'invalid_request_error',
    });
  });

  it('OPTIONS names only the methods that work', async () => {
    const response = await call('/api/login', 'OPTIONS');
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('POST, DELETE, OPTIONS');
  });
});

describe('an unknown API path gets a JSON 404, whatever the method', () => {
  it.each(methods.filter((method) => method !== 'OPTIONS'))('%s /api/no-such-endpoint', async (method) => {
    const response = await call('/api/no-such-endpoint', method);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'Not found.' } });
  });

  it('on /v1 in the OpenAI error shape', async () => {
    const response = await call('/v1/models', 'GET');
    expect(response.status).toBe(404);
    expect((await response.json()).error).toMatchObject({ code: 'not_found', type: 'not_found_error' });
  });
});

describe('every API route answers every method itself', () => {
  const routes = import.meta.glob<RouteModule>(['/app/api/**/route.ts', '/app/v1/**/route.ts'], {
    eager: true,
  });

  it.each(Object.keys(routes))('%s exports a handler for each method', (file) => {
    expect(methods.filter((method) => typeof routes[file][method] !== 'function')).toEqual([]);
  });
});
