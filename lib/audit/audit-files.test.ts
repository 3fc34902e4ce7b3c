import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useTemporaryDataDir } from '@/tests/support/metrics-fixtures';
import { appendAuditLine, auditDirectory, sortAuditFiles } from './audit-files';
import { decodeAuditCursor, encodeAuditCursor } from './audit-reader';

let cleanup: () => void;
beforeEach(() => {
  cleanup = useTemporaryDataDir({ AUDIT_MAX_FILE_BYTES: '1024', AUDIT_MAX_FILES: '2' }).cleanup;
});
afterEach(() => cleanup());

describe('audit files', () => {
  it('orders files newest first: later month, then later sequence; ignores other names', () => {
    const names = [
      'audit-2025-05.jsonl',
      'audit-2025-06.10.jsonl',
      'notes.txt',
      'audit-2025-06.jsonl',
      'audit-2025-06.2.jsonl',
    ];
    expect(sortAuditFiles(names).map((file) => file.name)).toEqual([
      'audit-2025-06.10.jsonl',
      'audit-2025-06.2.jsonl',
      'audit-2025-06.jsonl',
      'audit-2025-05.jsonl',
    ]);
  });

  it('starts a new file past AUDIT_MAX_FILE_BYTES and deletes the oldest beyond AUDIT_MAX_FILES', () => {
    const line = JSON.stringify({ padding: 'x'.repeat(300) });
    for (let index = 0; index < 20; index += 1) appendAuditLine(line, new Date('2025-06-01T00:00:00Z'));
    expect(fs.readdirSync(auditDirectory()).sort()).toEqual([
      'audit-2025-06.4.jsonl',
      'audit-2025-06.5.jsonl',
      'audit-2025-06.6.jsonl',
    ]);
    appendAuditLine(line, new Date('2025-07-01T00:00:00Z'));
    expect(sortAuditFiles(fs.readdirSync(auditDirectory())).map((file) => file.name)).toEqual([
      'audit-2025-07.jsonl',
      'audit-2025-06.6.jsonl',
      'audit-2025-06.5.jsonl',
    ]);
  });

  it('cursors name only audit files', () => {
    const cursor = { file: sortAuditFiles(['audit-2025-06.3.jsonl'])[0], offset: 1234 };
    expect(decodeAuditCursor(encodeAuditCursor(cursor))).toEqual(cursor);
    for (const text of [
      '../../etc/passwd:0',
      'audit-2025-06.jsonl/../x:0',
      'audit-2025-06.jsonl:-1',
      'audit-2025-06.jsonl',
    ]) {
      expect(decodeAuditCursor(Buffer.from(text).toString('base64url'))).toBeUndefined();
    }
  });
});
