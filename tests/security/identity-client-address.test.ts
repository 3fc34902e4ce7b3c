import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { POST as chat } from '@/app/api/chat/route';
import { POST as login } from '@/app/api/login/route';
import { POST as retrieve } from '@/app/api/retrieve/route';
import { POST as completions } from '@/app/v1/chat/completions/route';
import { flushAuditAggregates } from '@/lib/audit/audit-aggregate';
import { readAuditEvents } from '@/lib/audit/audit-log';
import { maxFailedAdminAttempts, resetAdminThrottle } from '@/lib/auth/admin-throttle';
import { setConfig } from '@/lib/config';
import { setClientRateLimiter } from '@/lib/resilience/client-rate-limit';
import { useTemporaryDataDir } from '@/tests/support/metrics-fixtures';
import { type RouteServer, serveRoute } from '@/tests/support/route-server';

const token = 'identity-test-admin-token';
const burst = 3;
const endpoints = {
  '/api/chat': chat,
  '/v1/chat/completions': completions,
  '/api/retrieve': retrieve,
  '/api/login': login,
};
const servers: Record<string, RouteServer> = {};
let cleanup: () => void;

function useSettings(overrides: Record<string, string> = {}): void {
  // Summaries of the previous test's failures belong to its log, not the next one's.
  flushAuditAggregates();
  cleanup?.();
  cleanup = useTemporaryDataDir({
    ADMIN_TOKEN: token,
    RATE_LIMIT_BURST: String(burst),
    RATE_LIMIT_PER_MINUTE: '1',
    ...overrides,
  }).cleanup;
  setClientRateLimiter(undefined);
  resetAdminThrottle();
}

/** A POST from this test, which stands where a client (or, with TRUST_PROXY, a proxy) would. */
function post(path: keyof typeof endpoints, body: unknown, forwardedFor?: string): Promise<Response> {
  return fetch(`${servers[path].url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
    },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
}

async function statuses(count: number, send: (attempt: number) => Promise<Response>): Promise<number[]> {
  const result: number[] = [];
  for (let attempt = 0; attempt < count; attempt += 1) {
    const response = await send(attempt);
    await response.body?.cancel();
    result.push(response.status);
  }
  return result;
}

const rotating = (attempt: number) => `198.51.100.${attempt + 1}`;

beforeAll(async () => {
  for (const [path, handler] of Object.entries(endpoints)) {
    servers[path] = await serveRoute(handler, { forwardPeer: true });
  }
});
beforeEach(() => useSettings());
afterEach(() => resetAdminThrottle());
afterAll(async () => {
  cleanup?.();
  setClientRateLimiter(undefined);
  setConfig({});
  await Promise.all(Object.values(servers).map((server) => server.close()));
});

describe('client identity without TRUST_PROXY: the socket peer, whatever the headers say', () => {
  // An empty body is refused with 400 after the rate limit: every non-429 passed the limit.
  it.each(['/api/chat', '/v1/chat/completions', '/api/retrieve'] as const)(
    '%s: rotating X-Forwarded-For does not get past the client limit',
    async (path) => {
      const results = await statuses(10, (attempt) => post(path, {}, rotating(attempt)));
      expect(results.slice(0, burst).every((status) => status !== 429)).toBe(true);
      expect(results.slice(burst)).toEqual(Array(10 - burst).fill(429));
    },
  );

  it('rotating X-Forwarded-For does not get past the login throttle', async () => {
    const results = await statuses(maxFailedAdminAttempts + 5, (attempt) =>
      post('/api/login', { token: 'guess' }, rotating(attempt)),
    );
    expect(results.slice(0, maxFailedAdminAttempts)).toEqual(Array(maxFailedAdminAttempts).fill(401));
    expect(results.slice(maxFailedAdminAttempts)).toEqual(Array(5).fill(429));
  });

  it('cannot forge the IP written to the audit log', async () => {
    await post('/api/login', { token: 'guess' }, '203.0.113.66');
    await post('/api/login', { token }, '203.0.113.66, 10.0.0.1');
    const events = readAuditEvents(10).filter((event) => event.action === 'admin.login');
    expect(events.map((event) => event.ip)).toEqual(['127.0.0.1', '127.0.0.1']);
  });
});

describe('client identity with TRUST_PROXY', () => {
  it('with a hop count of 1, uses the address the proxy appended (the right-most before it)', async () => {
    useSettings({ TRUST_PROXY: '1' });
    // This test is the proxy: it appends the address its client connected from.
    await post('/api/login', { token: 'guess' }, 'forged-by-client, 203.0.113.5');
    expect(readAuditEvents(1)[0].ip).toBe('203.0.113.5');
    // Two real clients behind the proxy have a bucket each.
    const first = await statuses(burst + 1, () => post('/api/chat', {}, '203.0.113.5'));
    const second = await statuses(burst + 1, () => post('/api/chat', {}, '203.0.113.6'));
    expect(first.at(-1)).toBe(429);
    expect(second.slice(0, burst).includes(429)).toBe(false);
  });

  it('an attacker cannot lock out a chosen address by writing it into the header', async () => {
    useSettings({ TRUST_PROXY: '1' });
    const victim = '203.0.113.9';
    const attack = await statuses(maxFailedAdminAttempts + 2, () =>
      post('/api/login', { token: 'guess' }, `${victim}, 198.51.100.66`),
    );
    expect(attack.at(-1)).toBe(429);
    expect((await post('/api/login', { token }, victim)).status).toBe(200);
  });

  it('with a CIDR list, skips every trusted proxy from the right', async () => {
    useSettings({ TRUST_PROXY: '127.0.0.0/8, 10.0.0.0/8, fd00::/8' });
    await post('/api/login', { token: 'guess' }, '192.0.2.1, 198.51.100.7, fd00::5, 10.1.2.3');
    expect(readAuditEvents(1)[0].ip).toBe('198.51.100.7');
  });

  it('keeps the audit IP short however long the forged header is', async () => {
    useSettings({ TRUST_PROXY: '5' });
    const forged = Array.from({ length: 300 }, (_, index) => `junk-${'x'.repeat(40)}-${index}`).join(', ');
    await post('/api/login', { token: 'guess' }, forged);
    const { ip } = readAuditEvents(1)[0];
    expect(ip?.length).toBeLessThanOrEqual(64);
  });
});
