import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushAuditAggregates } from '@/lib/audit/audit-aggregate';
import { type AuditEvent, auditDirectory } from '@/lib/audit/audit-log';
import { resetAdminThrottle } from '@/lib/auth/admin-throttle';
import { setConfig } from '@/lib/config';
import { type AdminAuditRoutes, startAdminAuditRoutes } from '@/tests/support/admin-audit-routes';
import { useTemporaryDataDir } from '@/tests/support/metrics-fixtures';

const adminToken = 'audit-aggregate-admin-token-42';
let routes: AdminAuditRoutes;
let dataDir: string;
let cleanup: () => void;

beforeEach(async () => {
  ({ directory: dataDir, cleanup } = useTemporaryDataDir({ ADMIN_TOKEN: adminToken }));
  resetAdminThrottle();
  routes = await startAdminAuditRoutes(adminToken);
});
afterEach(async () => {
  flushAuditAggregates();
  await routes.close();
  cleanup();
});

async function failLogins(times: number): Promise<number[]> {
  const statuses: number[] = [];
  // Batches in parallel, as a guessing script would send them.
  for (let sent = 0; sent < times; sent += 50) {
    const batch = Array.from({ length: Math.min(50, times - sent) }, (_, index) =>
      routes.login(`guess-${sent + index}`).then(async (response) => {
        await response.arrayBuffer();
        return response.status;
      }),
    );
    statuses.push(...(await Promise.all(batch)));
  }
  return statuses;
}

const loginEvents = (events: AuditEvent[]) => events.filter((event) => event.action === 'admin.login');
/** Attempts an entry stands for: itself, plus the repeats it summarises. */
const attempts = (events: AuditEvent[]) => events.reduce((total, event) => total + (event.count ?? 1), 0);

describe('repeated failed logins are folded into a few audit entries with counts', () => {
  it('1,000 failed logins from one client become a handful of entries that account for every attempt', async () => {
    const statuses = await failLogins(1000);
    expect(statuses.filter((status) => status === 401).length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    // The process exiting (or the window closing) writes the open summaries.
    flushAuditAggregates();
    // The admin reading the log shares the guesser's address here; the throttle would refuse them.
    resetAdminThrottle();

    const events = loginEvents((await routes.auditPage('?limit=1000')).events);
    expect(events.length).toBeLessThanOrEqual(6);
    expect(attempts(events)).toBe(1000);
    const summaries = events.filter((event) => event.count !== undefined);
    expect(summaries.length).toBeGreaterThan(0);
    for (const summary of summaries) {
      expect(summary).toMatchObject({ action: 'admin.login', result: 'denied' });
      expect(Date.parse(summary.firstAt ?? '')).toBeLessThanOrEqual(Date.parse(summary.lastAt ?? ''));
    }
    const lines = fs
      .readdirSync(auditDirectory())
      .flatMap((name) => fs.readFileSync(path.join(auditDirectory(), name), 'utf8').trim().split('\n'));
    expect(lines.length).toBe(events.length);
  });

  it('writes the summary by itself when the window closes', async () => {
    setConfig({
      DATA_DIR: dataDir,
      ADMIN_TOKEN: adminToken,
      LOG_LEVEL: 'silent',
      AUDIT_AGGREGATE_WINDOW_SECONDS: '1',
    });
    await failLogins(5);
    expect(loginEvents((await routes.auditPage()).events)).toHaveLength(1);
    await vi.waitFor(
      async () => {
        const events = loginEvents((await routes.auditPage()).events);
        expect(events[0]).toMatchObject({ count: 4, result: 'denied' });
      },
      { timeout: 10_000, interval: 200 },
    );
  });

  it('writes the summary before what the same client does next, keeping the order', async () => {
    await failLogins(3);
    expect((await routes.login(adminToken)).status).toBe(200);
    const events = loginEvents((await routes.auditPage()).events);
    expect(events.map((event) => [event.result, event.count])).toEqual([
      ['ok', undefined],
      ['denied', 2],
      ['denied', undefined],
    ]);
  });

  it('does not fold successful admin actions', async () => {
    for (let index = 0; index < 5; index += 1)
      expect((await routes.invalidateCache('python')).status).toBe(200);
    const events = (await routes.auditPage()).events.filter((event) => event.action === 'cache.invalidate');
    expect(events).toHaveLength(5);
  });
});
