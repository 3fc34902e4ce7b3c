import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCountingEmbedderProvider } from '@/tests/support/counting-embedder';
import { setConfig } from '../config';
import { AppError } from '../errors';
import { ingestCollection } from '../ingest/ingest-collection';
import { listCollections, retrieve } from './retrieve';

const root = path.resolve(__dirname, '../..');
let dataDirectory: string;
let extraCorpus: string;

async function rejectsWithCode(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

beforeAll(async () => {
  dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'retrieve-data-'));
  setConfig({ DATA_DIR: dataDirectory, LOG_LEVEL: 'silent', EMBEDDINGS: 'local' });
  await rejectsWithCode(retrieve({ query: 'anything' }), 'index_missing');
  for (const collection of ['python', 'javascript']) {
    await ingestCollection({ directory: path.join(root, 'data/corpus', collection), collection });
  }
  extraCorpus = fs.mkdtempSync(path.join(os.tmpdir(), 'retrieve-extra-'));
  fs.writeFileSync(path.join(extraCorpus, 'gardening.md'), '# Gardening\n\nWater tomatoes in the morning.');
});

afterAll(() => {
  fs.rmSync(dataDirectory, { recursive: true, force: true });
  fs.rmSync(extraCorpus, { recursive: true, force: true });
});

describe('retrieve', () => {
  it('routes a question and returns scored passages with their provenance, best first', async () => {
    const result = await retrieve({ query: 'How do I make a list comprehension with a condition?', k: 4 });
    expect(result.route).toMatchObject({ collections: ['python'], pinned: false });
    expect(result.route.scores.python).toBeGreaterThan(result.route.scores.javascript);
    expect(result.sources).toHaveLength(4);
    expect(result.sources[0]).toMatchObject({ collection: 'python', source: 'comprehensions.md' });
    const scores = result.sources.map((source) => source.score);
    expect(scores).toEqual([...scores].sort((left, right) => right - left));
    for (const source of result.sources) {
      expect(source.id).toMatch(/^[0-9a-f]{24}$/);
      expect(source.title).not.toBe('');
      expect(source.text).not.toBe('');
    }
  });

  it('searches only the pinned collection', async () => {
    const result = await retrieve({
      query: 'How do I make a list comprehension?',
      collection: 'javascript',
      k: 3,
    });
    expect(result.route).toMatchObject({ collections: ['javascript'], pinned: true, confidence: 1 });
    expect(result.sources.every((source) => source.collection === 'javascript')).toBe(true);
  });

  it('searches inside a collection without the name that chose it', async () => {
    const plain = await retrieve({ query: 'How do I read a file?', collection: 'javascript', k: 4 });
    const named = await retrieve({
      query: 'How do I read a file in JavaScript?',
      collection: 'javascript',
      k: 4,
    });
    expect(named.sources.map((source) => source.id)).toEqual(plain.sources.map((source) => source.id));
    // A query of nothing but the name still searches for it.
    const only = await retrieve({ query: 'javascript', collection: 'javascript', k: 2 });
    expect(only.sources.length).toBeGreaterThan(0);
  });

  it('clamps k and rejects an empty query', async () => {
    expect(
      (await retrieve({ query: 'promise', collection: 'javascript', k: 500 })).sources.length,
    ).toBeLessThanOrEqual(50);
    expect((await retrieve({ query: 'promise', collection: 'javascript', k: 0 })).sources).toHaveLength(1);
    await rejectsWithCode(retrieve({ query: '   ' }), 'bad_request');
  });

  it('reports an unknown collection', async () => {
    const error = await rejectsWithCode(retrieve({ query: 'x', collection: 'cobol' }), 'unknown_collection');
    expect(error.publicMessage).toContain('cobol');
  });

  it('refuses a collection built with another embedder, saying which', async () => {
    await ingestCollection({
      directory: extraCorpus,
      collection: 'other-embedder',
      provider: createCountingEmbedderProvider('other-v1'),
    });
    const error = await rejectsWithCode(
      retrieve({ query: 'tomatoes', collection: 'other-embedder' }),
      'embedder_mismatch',
    );
    expect(error.publicMessage).toContain('other-v1');
    expect(error.publicMessage).toContain('local-lsa-128-v1');
    // Unpinned questions still work from the collections that match.
    expect((await retrieve({ query: 'list comprehension' })).sources.length).toBeGreaterThan(0);
    fs.rmSync(path.join(dataDirectory, 'collections', 'other-embedder'));
  });

  it('makes a newly ingested collection routable and picks up re-ingests without a restart', async () => {
    await ingestCollection({ directory: extraCorpus, collection: 'garden' });
    const first = await retrieve({ query: 'When should I water tomatoes?' });
    expect(first.route.collections[0]).toBe('garden');
    fs.writeFileSync(path.join(extraCorpus, 'compost.md'), '# Compost\n\nTurn the compost heap every week.');
    await ingestCollection({ directory: extraCorpus, collection: 'garden' });
    const second = await retrieve({
      query: 'How often do I turn the compost heap?',
      collection: 'garden',
      k: 1,
    });
    expect(second.sources[0].source).toBe('compost.md');
  });

  it('stops when the caller aborts', async () => {
    await expect(
      retrieve({ query: 'promise', signal: AbortSignal.abort(new Error('gone')) }),
    ).rejects.toThrow('gone');
  });
});

describe('listCollections', () => {
  it('lists every collection from its manifest', async () => {
    const collections = await listCollections();
    const python = collections.find((collection) => collection.name === 'python');
    const files = fs
      .readdirSync(path.join(root, 'data/corpus/python'))
      .filter((file) => file.endsWith('.md'));
    expect(python).toMatchObject({ documents: files.length, embedder: 'local-lsa-128-v1' });
    expect(python?.description).toMatch(/Python/);
    expect(python?.chunks).toBeGreaterThanOrEqual(files.length);
    expect(collections.map((collection) => collection.name)).toEqual(
      [...collections.map((collection) => collection.name)].sort(),
    );
  });
});
