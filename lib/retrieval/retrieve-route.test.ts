import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/retrieve/route';
import { setConfig } from '../config';
import { ingestCollection } from '../ingest/ingest-collection';

const root = path.resolve(__dirname, '../..');
let dataDirectory: string;

function post(body: unknown): Promise<Response> {
  return POST(
    new Request('http://localhost/api/retrieve', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

beforeAll(async () => {
  dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'retrieve-route-'));
  setConfig({ DATA_DIR: dataDirectory, LOG_LEVEL: 'silent', EMBEDDINGS: 'local' });
});

afterAll(() => {
  fs.rmSync(dataDirectory, { recursive: true, force: true });
});

describe('POST /api/retrieve', () => {
  it('answers 503 index_missing before anything is ingested', async () => {
    const response = await post({ query: 'promises' });
    expect(response.status).toBe(503);
    expect((await response.json()).error.code).toBe('index_missing');
  });

  it('returns the route and sources in the documented shape', async () => {
    await ingestCollection({
      directory: path.join(root, 'data/corpus/javascript'),
      collection: 'javascript',
    });
    const response = await post({ query: 'How do I cancel a fetch request?', k: 2 });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(Object.keys(body)).toEqual(['route', 'sources']);
    expect(Object.keys(body.route)).toEqual(['collections', 'scores', 'reason']);
    expect(body.route.collections).toEqual(['javascript']);
    expect(body.sources).toHaveLength(2);
    expect(Object.keys(body.sources[0])).toEqual([
      'collection',
      'source',
      'title',
      'heading',
      'score',
      'text',
    ]);
  });

  it.each([
    ['invalid JSON', '{"query":', 'not valid JSON'],
    ['an empty query', { query: '  ' }, 'query: must not be empty'],
    ['a non-integer k', { query: 'x', k: 2.5 }, 'k:'],
    ['k above the maximum', { query: 'x', k: 51 }, 'k:'],
  ])('rejects %s with 400', async (_label, body, message) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toContain(message);
  });

  it('rejects an unknown collection with 400', async () => {
    const response = await post({ query: 'x', collection: 'cobol' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: 'unknown_collection', message: 'There is no collection named "cobol".' },
    });
  });
});
