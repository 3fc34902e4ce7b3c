import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setConfig } from '@/lib/config';
import { defaultChunkOptions } from '@/lib/ingest/chunk-document';
import { ingestCollection } from '@/lib/ingest/ingest-collection';
import { cleanInlineMarkdown, parseMarkdown } from '@/lib/ingest/parse-markdown';
import { activeVersion, indexFiles, type StoredChunk } from '@/lib/retrieval/collection-store';
import { createCountingEmbedderProvider } from '@/tests/support/counting-embedder';

let dataDirectory: string;
let corpus: string;

beforeAll(() => {
  dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'freeze-chunks-data-'));
  corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'freeze-chunks-corpus-'));
  setConfig({ DATA_DIR: dataDirectory, LOG_LEVEL: 'silent' });
});
afterAll(() => {
  setConfig({});
  fs.rmSync(dataDirectory, { recursive: true, force: true });
  fs.rmSync(corpus, { recursive: true, force: true });
});

describe('documents with unbounded lines', () => {
  it('a code block with one 5,000-character line is ingested as bounded chunks', async () => {
    const minified = `const data = [${Array.from({ length: 1_400 }, (_, index) => index).join(',')}];`.slice(
      0,
      5_000,
    );
    fs.writeFileSync(
      path.join(corpus, 'guide.md'),
      `# Guide\n\nSetup notes.\n\n\`\`\`js\n${minified}\n\`\`\`\n\nMore prose after the block.\n`,
    );
    const provider = createCountingEmbedderProvider();
    await ingestCollection({ directory: corpus, collection: 'unbounded', provider });
    const active = await activeVersion('unbounded');
    if (!active) throw new Error('the collection was not activated');
    const chunks = JSON.parse(
      fs.readFileSync(path.join(active.directory, indexFiles.chunks), 'utf8'),
    ) as StoredChunk[];
    expect(chunks.length).toBeGreaterThan(4);
    // Nothing is lost: without the fences and the cuts, the line is whole again.
    const rejoined = chunks.map((chunk) => chunk.text.replace(/```(js)?/g, '').replace(/\n/g, '')).join('');
    expect(rejoined).toContain(minified);
    for (const chunk of chunks) expect(chunk.text.length).toBeLessThanOrEqual(defaultChunkOptions.maxChars);
  });
});

describe('the Markdown parser on hostile documents', () => {
  // Each of these took from seconds to over a minute when a pattern rescanned the rest of the text.
  it.each([
    ['unclosed brackets', '['.repeat(200_000)],
    ['unclosed link targets', '[a]('.repeat(50_000)],
    ['unclosed tags', '<a'.repeat(100_000)],
    ['unclosed comments', '<!--'.repeat(50_000)],
    ['a heading with a long inner space run', `# a${' '.repeat(100_000)}b`],
    ['a code block ending in a long whitespace run', `\`\`\`\nx${' \n'.repeat(100_000)}`],
  ])('parses %s in linear time, keeping the text', (_name, source) => {
    expect(() => parseMarkdown(source)).not.toThrow();
  });

  it('still strips links, images, tags and comments', () => {
    expect(cleanInlineMarkdown('see [the docs](https://x.example/a) and ![logo](l.png) <b>now</b>')).toBe(
      'see the docs and logo now',
    );
    const parsed = parseMarkdown('# Title ##\n\n<!-- hidden -->visible');
    expect(parsed.blocks).toContainEqual({ kind: 'heading', level: 1, text: 'Title', anchor: 'title' });
    expect(JSON.stringify(parsed.blocks)).not.toContain('hidden');
  });
});
