import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushAuditAggregates } from '@/lib/audit/audit-aggregate';
import { maxAuditEntryBytes, maxAuditFieldChars } from '@/lib/audit/audit-fields';
import { auditDirectory } from '@/lib/audit/audit-log';
import { resetAdminThrottle } from '@/lib/auth/admin-throttle';
import { type AdminAuditRoutes, startAdminAuditRoutes } from '@/tests/support/admin-audit-routes';
import { useTemporaryDataDir } from '@/tests/support/metrics-fixtures';

const adminToken = 'audit-fields-admin-token-0123';
let routes: AdminAuditRoutes;
let cleanup: () => void;

beforeEach(async () => {
  cleanup = useTemporaryDataDir({ ADMIN_TOKEN: adminToken }).cleanup;
  resetAdminThrottle();
  routes = await startAdminAuditRoutes(adminToken);
});
afterEach(async () => {
  flushAuditAggregates();
  await routes.close();
  cleanup();
});

function rawLines(): string[] {
  return fs
    .readdirSync(auditDirectory())
    .flatMap((name) => fs.readFileSync(path.join(auditDirectory(), name), 'utf8').split('\n'))
    .filter((line) => line !== '');
}

describe('audit entries written for hostile requests are bounded', () => {
  it.each([
    ['X-Forwarded-For', 'x-forwarded-for', `203.0.113.9, ${'9'.repeat(15_000)}`],
    ['X-Forwarded-For first entry', 'x-forwarded-for', `${'A'.repeat(15_000)}, 203.0.113.9`],
    ['X-Real-IP', 'x-real-ip', 'A'.repeat(15_000)],
    ['User-Agent', 'user-agent', `Mozilla/5.0 ${'A'.repeat(15_000)}`],
  ])('a failed login with a 15 KB forged %s header writes a small entry', async (_name, header, value) => {
    const response = await routes.login('wrong-guess', { [header]: value });
    expect(response.status).toBe(401);

    const page = await routes.auditPage('?limit=10');
    const entry = page.events.find((event) => event.action === 'admin.login');
    expect(entry).toMatchObject({ action: 'admin.login', result: 'denied' });
    for (const field of [entry?.actor, entry?.ip, entry?.target, ...Object.values(entry?.details ?? {})]) {
      if (typeof field === 'string') expect(field.length).toBeLessThanOrEqual(maxAuditFieldChars + 40);
    }
    // Every line on disk is small, and no forged header made it through whole.
    for (const line of rawLines()) {
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(maxAuditEntryBytes);
      expect(line).not.toContain('A'.repeat(maxAuditFieldChars + 1));
      expect(line).not.toContain('9'.repeat(maxAuditFieldChars + 1));
    }
  });

  it('control characters in a forged header cannot make a second entry or hide text', async () => {
    const response = await routes.login('wrong-guess', {
      'x-forwarded-for': '198.51.100.7\u0085\t{"action":"admin.login","result":"ok"}',
    });
    expect(response.status).toBe(401);
    const page = await routes.auditPage();
    expect(page.events).toHaveLength(1);
    expect(page.events[0].result).toBe('denied');
    expect(page.events[0].ip ?? '').not.toMatch(/\p{Cc}/u);
    expect(rawLines()).toHaveLength(1);
  });
});
