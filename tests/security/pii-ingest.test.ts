import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { setConfig } from '@/lib/config';
import { ingestCollection } from '@/lib/ingest/ingest-collection';
import { formatIngestSummary } from '@/lib/ingest/ingest-summary';
import { activeVersion, indexFiles, type StoredChunk } from '@/lib/retrieval/collection-store';
import { createCountingEmbedderProvider } from '@/tests/support/counting-embedder';

const corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'pii-ingest-corpus-'));
let dataDirectory: string;

const document = [
  '# Support',
  '',
  'Write to jane.doe@example.com or call 4155552671 for help.',
  '',
  'Card on file: 4111\u00a01111\u00a01111\u00a01111. The API is documented below.',
].join('\n');

async function storedTexts(collection: string): Promise<string> {
  const active = await activeVersion(collection);
  if (!active) throw new Error(`${collection} was not activated`);
  const chunks = JSON.parse(
    fs.readFileSync(path.join(active.directory, indexFiles.chunks), 'utf8'),
  ) as StoredChunk[];
  return chunks.map((chunk) => chunk.text).join('\n');
}

fs.writeFileSync(path.join(corpus, 'support.md'), document);
beforeEach(() => {
  dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'pii-ingest-data-'));
});
afterAll(() => {
  setConfig({});
  fs.rmSync(corpus, { recursive: true, force: true });
});

describe('INGEST_PII_MODE', () => {
  it('mask: documents are masked before chunking and embedding, and the report counts it', async () => {
    setConfig({ DATA_DIR: dataDirectory, LOG_LEVEL: 'silent', INGEST_PII_MODE: 'mask' });
    const provider = createCountingEmbedderProvider();
    const report = await ingestCollection({ directory: corpus, collection: 'masked', provider });
    const stored = await storedTexts('masked');
    expect(stored).not.toContain('jane.doe@example.com');
    expect(stored).not.toContain('4155552671');
    expect(stored).not.toMatch(/4111.1111/);
    expect(stored).toContain('The API is documented below.');
    expect(provider.embedded.join('\n')).not.toContain('jane.doe@example.com');
    expect(report.piiMasked).toMatchObject({ email: 1, phone: 1, card: 1 });
    expect(formatIngestSummary(report).join('\n')).toMatch(/PII masked: .*1 email/);
  });

  it('off (the default): documents are stored as written and nothing is counted', async () => {
    setConfig({ DATA_DIR: dataDirectory, LOG_LEVEL: 'silent' });
    const report = await ingestCollection({
      directory: corpus,
      collection: 'plain',
      provider: createCountingEmbedderProvider(),
    });
    expect(await storedTexts('plain')).toContain('jane.doe@example.com');
    expect(report.piiMasked).toBeUndefined();
  });

  it('switching the mode re-reads unchanged files', async () => {
    setConfig({ DATA_DIR: dataDirectory, LOG_LEVEL: 'silent' });
    const provider = createCountingEmbedderProvider();
    await ingestCollection({ directory: corpus, collection: 'switched', provider });
    const masked = await ingestCollection({
      directory: corpus,
      collection: 'switched',
      provider,
      piiMode: 'mask',
    });
    expect(masked.upToDate).toBe(false);
    expect(await storedTexts('switched')).not.toContain('jane.doe@example.com');
  });
});
