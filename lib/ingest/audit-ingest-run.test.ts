import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditEvents } from '../audit/audit-log';
import { setConfig } from '../config';
import { auditIngestRun } from './audit-ingest-run';
import type { IngestReport } from './ingest-collection';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-ingest-'));
beforeAll(() => setConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const report: IngestReport = {
  collection: 'python',
  directory: '/docs/python',
  upToDate: false,
  indexVersion: 'abc-123',
  embedder: 'local-lsa',
  retrained: true,
  documents: 10,
  chunks: 80,
  files: { added: 10, changed: 0, removed: 0, unchanged: 0 },
  embeddedChunks: 80,
  reusedChunks: 0,
  duplicateChunks: 0,
  skipped: [],
  durationMs: 1234.5,
};

describe('auditIngestRun', () => {
  it('records a successful run with what changed', () => {
    auditIngestRun({ collection: 'python', directory: '/docs/python', report });
    expect(readAuditEvents(1)[0]).toMatchObject({
      action: 'ingest.run',
      target: 'python',
      result: 'ok',
      details: { indexVersion: 'abc-123', documents: 10, chunks: 80, added: 10, durationMs: 1235 },
    });
    expect(readAuditEvents(1)[0].actor).toMatch(/^cli /);
  });

  it('records a failed run with its error', () => {
    auditIngestRun({
      collection: 'js',
      directory: '/missing',
      error: new Error('directory not found'),
      actor: 'admin',
    });
    expect(readAuditEvents(1)[0]).toMatchObject({
      actor: 'admin',
      action: 'ingest.run',
      target: 'js',
      result: 'error',
      details: { directory: '/missing', error: 'directory not found' },
    });
  });
});
