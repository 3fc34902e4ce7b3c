import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useTemporaryDataDir } from '@/tests/support/metrics-fixtures';
import { auditDirectory } from '../audit/audit-files';
import { appendAudit } from '../audit/audit-log';
import { checkAuditLog } from './check-audit-log';

let cleanup: () => void;
beforeEach(() => {
  cleanup = useTemporaryDataDir().cleanup;
});
afterEach(() => cleanup());

const currentFile = () => path.join(auditDirectory(), `audit-${new Date().toISOString().slice(0, 7)}.jsonl`);

describe('checkAuditLog', () => {
  it('is healthy before the first entry and with a clean log', async () => {
    expect(await checkAuditLog()).toMatchObject({ status: 'healthy', detail: 'writable: no entries yet' });
    appendAudit({ actor: 'admin', action: 'cache.invalidate', result: 'ok' });
    expect((await checkAuditLog()).status).toBe('healthy');
  });

  it('counts corrupt lines appended since the last check, not a write still in progress', async () => {
    appendAudit({ actor: 'admin', action: 'cache.invalidate', result: 'ok' });
    fs.appendFileSync(currentFile(), 'garbage\n{"action":"torn');
    expect(await checkAuditLog()).toMatchObject({
      status: 'degraded',
      detail: expect.stringContaining('1 corrupt line in'),
    });
    // The next entry ends the torn line: now it is a corrupt line too, counted once.
    appendAudit({ actor: 'admin', action: 'cache.invalidate', result: 'ok' });
    expect((await checkAuditLog()).detail).toContain('2 corrupt lines');
    expect((await checkAuditLog()).detail).toContain('2 corrupt lines');
  });
});
