import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GET as audit } from '@/app/api/admin/audit/route';
import { DELETE as invalidateCache } from '@/app/api/admin/cache/route';
import { GET as exportFeedback } from '@/app/api/feedback/export/route';
import { GET as health } from '@/app/api/health/route';
import { POST as loginRoute } from '@/app/api/login/route';
import { GET as prometheus } from '@/app/api/metrics/route';
import { GET as summary } from '@/app/api/metrics/summary/route';
import { makeTurnRecord, useTemporaryDataDir } from '@/tests/support/metrics-fixtures';
import { readAuditEvents } from '../audit/audit-log';
import { saveFeedback } from '../metrics/feedback-store';
import { insertTurn } from '../metrics/insert-turn';
import { resetAdminThrottle } from './admin-throttle';

const token = 'admin-routes-test-token-42';
let cleanup: () => void;

beforeEach(() => {
  cleanup = useTemporaryDataDir({ ADMIN_TOKEN: token }).cleanup;
  resetAdminThrottle();
});
afterEach(() => cleanup());

const get = (path: string, headers: Record<string, string> = {}) =>
  new NextRequest(`http://app.test${path}`, { headers });
const bearer = { authorization: `Bearer ${token}` };

async function sessionCookie(): Promise<string> {
  const response = await loginRoute(
    new Request('http://app.test/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    }),
  );
  expect(response.status).toBe(200);
  return (response.headers.get('set-cookie') ?? '').split(';')[0];
}

describe('admin APIs with ADMIN_TOKEN set', () => {
  it.each([
    ['metrics summary', () => summary(get('/api/metrics/summary'))],
    ['Prometheus metrics', () => prometheus(get('/api/metrics'))],
    ['feedback export', () => exportFeedback(get('/api/feedback/export'))],
    ['audit log', () => audit(get('/api/admin/audit'))],
    ['cache invalidation', () => invalidateCache(get('/api/admin/cache'))],
  ])('%s rejects a request without the token with a 401 JSON error', async (_name, call) => {
    const response = await call();
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('unauthorized');
  });

  it('rejects a wrong token and accepts the bearer token or the login cookie', async () => {
    expect((await summary(get('/api/metrics/summary', { authorization: 'Bearer wrong' }))).status).toBe(401);
    expect((await summary(get('/api/metrics/summary', bearer))).status).toBe(200);
    expect((await summary(get('/api/metrics/summary', { cookie: await sessionCookie() }))).status).toBe(200);
    expect((await prometheus(get('/api/metrics', bearer))).status).toBe(200);
  });

  it('shows health components only to admins, with the same status code', async () => {
    const open = await health(get('/api/health'));
    const admin = await health(get('/api/health', bearer));
    expect(open.status).toBe(admin.status);
    expect((await open.json()).components).toEqual([]);
    expect((await admin.json()).components.length).toBeGreaterThan(0);
  });
});

describe('feedback export', () => {
  function seed() {
    const liked = makeTurnRecord({ id: 'liked', question: 'How do I sort a list?' });
    const disliked = makeTurnRecord({ id: 'disliked', question: 'How do I parse [EMAIL] headers?' });
    for (const record of [liked, disliked]) insertTurn(record, { storeQuestion: true, now: Date.now() });
    saveFeedback({ turnId: 'liked', rating: 'up' });
    saveFeedback({ turnId: 'disliked', rating: 'down', comment: '=HYPERLINK("http://x") wrong, "quoted"' });
  }

  it('exports rated answers as JSON and audits the export', async () => {
    seed();
    const response = await exportFeedback(get('/api/feedback/export', bearer));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="feedback-.*\.json"/);
    const body = await response.json();
    expect(body.feedback.map((row: { turnId: string }) => row.turnId).sort()).toEqual(['disliked', 'liked']);
    expect(body.feedback.find((row: { turnId: string }) => row.turnId === 'disliked')).toMatchObject({
      rating: 'down',
      question: 'How do I parse [EMAIL] headers?',
    });
    expect(readAuditEvents(1)[0]).toMatchObject({
      actor: 'admin (bearer)',
      action: 'feedback.export',
      result: 'ok',
      details: { format: 'json', rows: 2 },
    });
  });

  it('exports CSV that a spreadsheet cannot turn into formulas', async () => {
    seed();
    const response = await exportFeedback(get('/api/feedback/export?format=csv&days=7', bearer));
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const csv = await response.text();
    const [header, ...rows] = csv.trim().split('\r\n');
    expect(header).toBe('turnId,ratedAt,rating,comment,askedAt,question,model,route,status,sources');
    expect(rows).toHaveLength(2);
    expect(csv).toContain('"\'=HYPERLINK(""http://x"") wrong, ""quoted"""');
  });

  it.each(['?format=xml', '?days=0', '?days=abc'])('answers %s with a 400', async (query) => {
    const response = await exportFeedback(get(`/api/feedback/export${query}`, bearer));
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('bad_request');
  });
});

describe('cache and audit admin APIs', () => {
  it('invalidates the cache and shows the action in the audit log', async () => {
    const response = await invalidateCache(
      new NextRequest('http://app.test/api/admin/cache?collection=python', {
        method: 'DELETE',
        headers: bearer,
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ removed: 0, collection: 'python' });
    const events = await (await audit(get('/api/admin/audit?limit=5', bearer))).json();
    expect(events.events[0]).toMatchObject({
      action: 'cache.invalidate',
      target: 'python',
      actor: 'admin (bearer)',
    });
    expect((await audit(get('/api/admin/audit?limit=0', bearer))).status).toBe(400);
  });
});
