import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestCollection } from '@/lib/ingest/ingest-collection';
import { useTemporaryDataDir } from '@/tests/support/metrics-fixtures';
import { checkIndexes } from './check-indexes';
import { listCollectionSummaries } from './collection-summaries';

let temporary: ReturnType<typeof useTemporaryDataDir>;

beforeEach(() => {
  temporary = useTemporaryDataDir({ EMBEDDINGS: 'local', OPENAI_API_KEY: '', OPENAI_BASE_URL: '' });
});
afterEach(() => temporary.cleanup());

describe('checkIndexes', () => {
  it('is down and says how to fix it when nothing has been ingested', async () => {
    const [component] = await checkIndexes();
    expect(component).toMatchObject({ name: 'index', status: 'down' });
    expect(component.detail).toContain('npm run setup');
  });

  it('loads each collection; a broken one is degraded while another still answers', async () => {
    await ingestCollection({ directory: path.resolve('data/corpus/python'), collection: 'python' });
    await ingestCollection({ directory: path.resolve('data/corpus/javascript'), collection: 'javascript' });
    expect((await checkIndexes()).map((component) => [component.name, component.status])).toEqual([
      ['index:javascript', 'healthy'],
      ['index:python', 'healthy'],
    ]);
    expect((await listCollectionSummaries()).map((collection) => collection.name)).toEqual([
      'javascript',
      'python',
    ]);

    // A collection whose manifest is there but whose index files are not cannot load.
    const broken = path.join(temporary.directory, 'collections', 'broken');
    fs.mkdirSync(broken, { recursive: true });
    const manifest = { formatVersion: 1, name: 'broken', description: 'x', documents: 1, chunks: 1 };
    fs.writeFileSync(
      path.join(broken, 'manifest.json'),
      JSON.stringify({ ...manifest, embedder: 'local', dimensions: 8, updatedAt: '', indexVersion: 'v1' }),
    );
    const components = await checkIndexes();
    expect(components.find((component) => component.name === 'index:broken')?.status).toBe('degraded');
    expect(components.find((component) => component.name === 'index:python')?.status).toBe('healthy');
  }, 60_000);
});
