import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditDirectory } from '@/lib/audit/audit-log';
import { setConfig } from '@/lib/config';
import { type AdminAuditRoutes, startAdminAuditRoutes } from '@/tests/support/admin-audit-routes';
import { useTemporaryDataDir } from '@/tests/support/metrics-fixtures';

const adminToken = 'audit-storage-admin-token-7';
let routes: AdminAuditRoutes;
let dataDir: string;
let cleanup: () => void;

beforeEach(async () => {
  ({ directory: dataDir, cleanup } = useTemporaryDataDir({ ADMIN_TOKEN: adminToken }));
  routes = await startAdminAuditRoutes(adminToken);
});
afterEach(async () => {
  await routes.close();
  cleanup();
});

function configure(overrides: Record<string, string>): void {
  setConfig({ DATA_DIR: dataDir, ADMIN_TOKEN: adminToken, LOG_LEVEL: 'silent', ...overrides });
}

/** One audited admin action per name, oldest first. */
async function invalidate(names: string[]): Promise<void> {
  for (const name of names) expect((await routes.invalidateCache(name)).status).toBe(200);
}

const names = (count: number) =>
  Array.from({ length: count }, (_, index) => `c${String(index).padStart(3, '0')}`);

function auditFiles(): { name: string; size: number }[] {
  return fs
    .readdirSync(auditDirectory())
    .map((name) => ({ name, size: fs.statSync(path.join(auditDirectory(), name)).size }));
}

describe('the audit log is rotated by size and its total is bounded', () => {
  it('keeps at most AUDIT_MAX_FILES rotated files of AUDIT_MAX_FILE_BYTES besides the current one', async () => {
    configure({ AUDIT_MAX_FILE_BYTES: '1024', AUDIT_MAX_FILES: '2' });
    await invalidate(names(120));
    const files = auditFiles();
    expect(files.length).toBeLessThanOrEqual(3);
    for (const file of files) expect(file.size).toBeLessThanOrEqual(1024);
    expect(files.reduce((total, file) => total + file.size, 0)).toBeLessThanOrEqual(3 * 1024);
    // The newest entries are the ones kept, readable across the files, newest first.
    const page = await routes.auditPage('?limit=1000');
    expect(page.events[0].target).toBe('c119');
    const targets = page.events.map((event) => event.target);
    expect(targets).toEqual(
      names(120)
        .slice(120 - targets.length)
        .reverse(),
    );
    expect(targets.length).toBeGreaterThan(6);
  });
});

describe('the audit API pages through the log from the newest entry', () => {
  it('returns at most `limit` events per page, newest first, with a cursor that reaches every entry once', async () => {
    configure({ AUDIT_MAX_FILE_BYTES: '4096', AUDIT_MAX_FILES: '100' });
    await invalidate(names(250));
    expect(auditFiles().length).toBeGreaterThan(3);

    const seen: string[] = [];
    let query = '?limit=100';
    for (let page = 0; page < 10; page += 1) {
      const body = await routes.auditPage(query);
      expect(body.events.length).toBeLessThanOrEqual(100);
      expect(body.corruptLines).toBe(0);
      seen.push(...body.events.map((event) => event.target ?? ''));
      if (page === 0) await invalidate(['added-while-paging']);
      if (!body.nextCursor) break;
      query = `?limit=100&before=${encodeURIComponent(body.nextCursor)}`;
    }
    expect(seen).toEqual(names(250).reverse());
  });

  it('defaults to 100 events', async () => {
    await invalidate(names(120));
    const body = await routes.auditPage();
    expect(body.events).toHaveLength(100);
    expect(body.nextCursor).toEqual(expect.any(String));
  });

  it.each([
    ['limit above 1000', '?limit=1001'],
    ['limit 0', '?limit=0'],
    ['limit not a number', '?limit=abc'],
    ['a cursor that is not one', '?before=not-a-cursor'],
    ['a cursor naming another file', `?before=${Buffer.from('../../etc/passwd:0').toString('base64url')}`],
    ['an oversized cursor', `?before=${'A'.repeat(5000)}`],
  ])('answers %s with a 400 JSON error', async (_name, query) => {
    const response = await routes.audit(query);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect((await response.json()).error.code).toBe('bad_request');
  });
});

describe('corrupt audit lines are counted, reported and shown in health', () => {
  function writeCurrentFile(text: string): void {
    fs.mkdirSync(auditDirectory(), { recursive: true });
    const month = new Date().toISOString().slice(0, 7);
    fs.writeFileSync(path.join(auditDirectory(), `audit-${month}.jsonl`), text);
  }
  const line = (target: string) =>
    JSON.stringify({
      time: new Date().toISOString(),
      actor: 'admin',
      action: 'cache.invalidate',
      target,
      result: 'ok',
    });

  it('reports corruptLines, counts them in Prometheus and degrades the audit-log health', async () => {
    writeCurrentFile(
      [line('first'), 'not json at all', '{"action":"half', line('second'), '{"no":"action"}', ''].join('\n'),
    );
    const page = await routes.auditPage();
    expect(page.corruptLines).toBe(3);
    expect(page.events.map((event) => event.target)).toEqual(['second', 'first']);

    expect(await routes.metrics()).toMatch(/^docs_chat_audit_corrupt_lines_total [3-9]/m);

    const health = await (await routes.health()).json();
    const component = health.components.find((entry: { name: string }) => entry.name === 'audit-log');
    expect(component).toMatchObject({ kind: 'audit-log', status: 'degraded' });
    expect(component.detail).toContain('3 corrupt lines');
    expect(health.status).not.toBe('healthy');
  });

  it('a torn last line does not swallow the next entry', async () => {
    writeCurrentFile(`${line('before')}\n{"action":"torn","ti`);
    await invalidate(['after']);
    const page = await routes.auditPage();
    expect(page.events.map((event) => event.target)).toEqual(['after', 'before']);
    expect(page.corruptLines).toBe(1);
  });

  it('is healthy with a clean log, and degraded when the log cannot be written', async () => {
    await invalidate(['clean']);
    const healthy = await (await routes.health()).json();
    expect(healthy.components.find((entry: { name: string }) => entry.name === 'audit-log')).toMatchObject({
      status: 'healthy',
    });

    fs.rmSync(auditDirectory(), { recursive: true });
    fs.writeFileSync(auditDirectory(), 'a file where the directory should be');
    // The audited action still succeeds; the failure shows in health.
    expect((await routes.invalidateCache('lost')).status).toBe(200);
    const degraded = await (await routes.health()).json();
    const component = degraded.components.find((entry: { name: string }) => entry.name === 'audit-log');
    expect(component.status).toBe('degraded');
    expect(component.detail).toMatch(/not a directory|not writable|write failed/);
  });
});
