import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setConfig } from '../config';
import { createLocalEmbedderProvider } from '../embeddings/local-lsa-embedder';
import { ingestCollection } from '../ingest/ingest-collection';
import { textAnalyzerVersion } from '../text/tokenize';
import { activeVersion, indexFiles } from './collection-store';
import { loadCollection } from './load-collection';

const root = path.resolve(__dirname, '../..');
let dataDirectory: string;

beforeAll(async () => {
  dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'load-collection-'));
  setConfig({ DATA_DIR: dataDirectory, LOG_LEVEL: 'silent', EMBEDDINGS: 'local' });
  await ingestCollection({ directory: path.join(root, 'data/corpus/python'), collection: 'python' });
});

afterAll(() => {
  fs.rmSync(dataDirectory, { recursive: true, force: true });
});

describe('loadCollection', () => {
  it('loads a collection once per process, even when its module is evaluated again (one per Next.js route bundle)', async () => {
    const provider = createLocalEmbedderProvider();
    const first = await loadCollection('python', provider);
    vi.resetModules();
    // Fresh copies of every module, as in another bundle (its configuration read anew).
    (await import('../config')).setConfig({ DATA_DIR: dataDirectory, LOG_LEVEL: 'silent' });
    const reloaded = await import('./load-collection');
    expect(reloaded.loadCollection).not.toBe(loadCollection);
    expect(await reloaded.loadCollection('python', provider)).toBe(first);
  });

  it('gives every chunk its document path and title', async () => {
    const loaded = await loadCollection('python', createLocalEmbedderProvider());
    const byDocument = new Map(loaded.documents.map((document) => [document.source, document]));
    for (const [position, chunk] of loaded.chunks.entries()) {
      const document = loaded.documents[loaded.documentOfChunk[position]];
      expect(document).toBe(byDocument.get(chunk.source));
      expect(chunk.title).toBe(document.title);
    }
  });

  it('refuses an index whose terms come from an older text analyzer, naming the fix', async () => {
    await ingestCollection({ directory: path.join(root, 'data/corpus/javascript'), collection: 'stale' });
    const active = await activeVersion('stale');
    if (!active) throw new Error('no active version of stale');
    const manifestFile = path.join(active.directory, indexFiles.manifest);
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    fs.writeFileSync(manifestFile, JSON.stringify({ ...manifest, analyzerVersion: textAnalyzerVersion - 1 }));
    await expect(loadCollection('stale', createLocalEmbedderProvider())).rejects.toMatchObject({
      code: 'index_missing',
      publicMessage: expect.stringContaining('Re-run npm run ingest'),
      detail: expect.stringContaining(
        `text analyzer ${textAnalyzerVersion - 1}, expected ${textAnalyzerVersion}`,
      ),
    });
  });
});
