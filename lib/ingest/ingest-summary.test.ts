import { describe, expect, it } from 'vitest';
import type { IngestReport } from './ingest-collection';
import { formatIngestSummary, formatProgress } from './ingest-summary';

const report: IngestReport = {
  collection: 'docs',
  directory: '/corpus',
  upToDate: false,
  indexVersion: 'v1',
  embedder: 'local-lsa-128-v1',
  retrained: true,
  documents: 10,
  chunks: 120,
  files: { added: 8, changed: 1, removed: 2, unchanged: 1 },
  embeddedChunks: 100,
  reusedChunks: 20,
  duplicateChunks: 3,
  skipped: [
    { path: 'a.md', reason: 'binary file' },
    { path: 'b.md', reason: 'binary file' },
    { path: 'c.md', reason: 'empty file' },
  ],
  durationMs: 2345,
};

describe('ingest summary', () => {
  it('reports counts, embedder and skipped files grouped by reason', () => {
    expect(formatIngestSummary(report)).toEqual([
      'docs: 10 documents, 120 chunks in 2.3 s',
      '  files: 8 added, 1 changed, 2 removed, 1 unchanged',
      '  chunks: 100 embedded, 20 reused, 3 duplicates stored once',
      '  embedder: local-lsa-128-v1 (trained on this collection); index version v1',
      'skipped 3 file(s):',
      '  binary file: 2 (a.md, b.md)',
      '  empty file: 1 (c.md)',
    ]);
  });

  it('warns when nothing could be ingested', () => {
    expect(formatIngestSummary({ ...report, documents: 0, chunks: 0, skipped: [] })).toContain(
      '  warning: no documents were ingested; supported files are .md, .mdx, .markdown, .txt, .rst, .html and .htm',
    );
  });

  it('says when nothing changed', () => {
    expect(formatIngestSummary({ ...report, upToDate: true, skipped: [] })).toEqual([
      'docs is up to date: 10 documents, 120 chunks (checked in 2.3 s)',
    ]);
  });

  it('formats progress per phase', () => {
    const files = { filesDone: 3, filesTotal: 9 };
    expect(
      formatProgress({ phase: 'reading', ...files, chunks: 40, chunksTotal: 40, chunksPerSecond: 812.4 }),
    ).toBe('reading 3/9 files, 40 chunks, 812 chunks/s');
    expect(
      formatProgress({ phase: 'embedding', ...files, chunks: 100, chunksTotal: 400, chunksPerSecond: 50 }),
    ).toBe('embedding 100/400 chunks, 50 chunks/s');
    expect(
      formatProgress({ phase: 'indexing', ...files, chunks: 400, chunksTotal: 400, chunksPerSecond: 0 }),
    ).toBe('indexing 400 chunks');
  });
});
