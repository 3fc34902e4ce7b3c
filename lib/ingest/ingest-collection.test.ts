import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCountingEmbedderProvider } from '@/tests/support/counting-embedder';
import { setConfig } from '../config';
import {
  activeVersion,
  collectionsDirectory,
  indexFiles,
  readManifest,
  type StoredChunk,
  versionsDirectory,
} from '../retrieval/collection-store';
import { textAnalyzerVersion } from '../text/tokenize';
import { CollectionBusyError } from './collection-lock';
import { IngestInputError, ingestCollection } from './ingest-collection';

let dataDirectory: string;
let corpus: string;

function write(relative: string, content: string | Buffer): void {
  const file = path.join(corpus, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

function storedChunks(directory: string): StoredChunk[] {
  return JSON.parse(fs.readFileSync(path.join(directory, indexFiles.chunks), 'utf8')) as StoredChunk[];
}

async function activeDirectory(collection: string): Promise<string> {
  const active = await activeVersion(collection);
  if (!active) throw new Error(`no active version of ${collection}`);
  return active.directory;
}

beforeAll(() => {
  dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-data-'));
  setConfig({ DATA_DIR: dataDirectory, LOG_LEVEL: 'silent' });
});

afterAll(() => {
  fs.rmSync(dataDirectory, { recursive: true, force: true });
});

afterEach(() => {
  fs.rmSync(corpus, { recursive: true, force: true });
});

beforeEach(() => {
  corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-corpus-'));
  write('.collection.json', JSON.stringify({ description: 'Guides about widgets.' }));
  write('widgets.md', '# Widgets\n\nWidgets spin and hum.\n\n## Cleaning\n\nWipe widgets with a dry cloth.');
  write(
    'gadgets/overview.html',
    '<html><body><main><h1>Gadgets</h1><p>Gadgets beep loudly.</p></main></body></html>',
  );
  write('notes.txt', 'Notes\n\nRemember to oil the gears.');
});

describe('ingestCollection: arguments', () => {
  it('rejects a missing directory with one clear message', async () => {
    await expect(
      ingestCollection({ directory: path.join(corpus, 'nope'), collection: 'docs' }),
    ).rejects.toThrow(new IngestInputError(`directory not found: ${path.join(corpus, 'nope')}`));
  });

  it.each(['Bad Name', '', 'a'.repeat(41), '../escape', 'dots.not.allowed'])(
    'rejects the collection name %j',
    async (name) => {
      await expect(ingestCollection({ directory: corpus, collection: name })).rejects.toThrow(
        /invalid collection name/,
      );
    },
  );

  it('refuses to run while another live process holds the collection lock, and takes over a dead one', async () => {
    fs.mkdirSync(collectionsDirectory(), { recursive: true });
    const lock = path.join(collectionsDirectory(), '.locked.lock');
    fs.writeFileSync(lock, String(process.ppid));
    const provider = createCountingEmbedderProvider();
    await expect(ingestCollection({ directory: corpus, collection: 'locked', provider })).rejects.toThrow(
      CollectionBusyError,
    );
    fs.writeFileSync(lock, '2147483646');
    await expect(
      ingestCollection({ directory: corpus, collection: 'locked', provider }),
    ).resolves.toMatchObject({ documents: 3 });
    expect(fs.existsSync(lock)).toBe(false);
  });
});

describe('ingestCollection: building and updating an index', () => {
  it('indexes every document with a manifest, relative sources and the corpus description', async () => {
    const provider = createCountingEmbedderProvider();
    const report = await ingestCollection({ directory: corpus, collection: 'build', provider });
    expect(report).toMatchObject({ upToDate: false, documents: 3, embedder: 'counting-v1' });
    expect(report.files).toEqual({ added: 3, changed: 0, removed: 0, unchanged: 0 });

    const directory = await activeDirectory('build');
    const manifest = await readManifest(directory);
    expect(manifest).toMatchObject({
      name: 'build',
      description: 'Guides about widgets.',
      documents: 3,
      chunks: report.chunks,
      embedder: 'counting-v1',
      indexVersion: report.indexVersion,
    });
    const chunks = storedChunks(directory);
    expect(new Set(chunks.map((chunk) => chunk.source))).toEqual(
      new Set(['widgets.md', 'gadgets/overview.html', 'notes.txt']),
    );
    expect(chunks.find((chunk) => chunk.source === 'gadgets/overview.html')).toMatchObject({
      title: 'Gadgets',
    });
    expect(provider.embedded).toHaveLength(report.chunks);
  });

  it('does nothing on a second run without changes', async () => {
    const provider = createCountingEmbedderProvider();
    const first = await ingestCollection({ directory: corpus, collection: 'again', provider });
    const embeddedBefore = provider.embedded.length;
    const second = await ingestCollection({ directory: corpus, collection: 'again', provider });
    expect(second).toMatchObject({ upToDate: true, indexVersion: first.indexVersion, chunks: first.chunks });
    expect(provider.embedded.length).toBe(embeddedBefore);
  });

  it('re-embeds only changed and new files and drops the chunks of deleted files', async () => {
    for (const topic of ['bolts', 'nuts', 'springs', 'levers'])
      write(`parts/${topic}.md`, `# ${topic}\n\nAll about ${topic}.`);
    const provider = createCountingEmbedderProvider();
    await ingestCollection({ directory: corpus, collection: 'incremental', provider });
    write('notes.txt', 'Notes\n\nRemember to oil the gears weekly.');
    write('extra.md', '# Extra\n\nA brand new page about sprockets.');
    fs.rmSync(path.join(corpus, 'gadgets/overview.html'));
    provider.embedded.length = 0;

    const report = await ingestCollection({ directory: corpus, collection: 'incremental', provider });
    expect(report.files).toEqual({ added: 1, changed: 1, removed: 1, unchanged: 5 });
    expect(provider.trainings).toBe(1);
    expect(provider.embedded.every((text) => /oil the gears weekly|sprockets/.test(text))).toBe(true);
    expect(report.embeddedChunks).toBe(provider.embedded.length);

    const chunks = storedChunks(await activeDirectory('incremental'));
    expect(chunks.some((chunk) => chunk.source === 'gadgets/overview.html')).toBe(false);
    expect(chunks.some((chunk) => chunk.text.includes('sprockets'))).toBe(true);
    expect(chunks.some((chunk) => chunk.text.includes('oil the gears weekly'))).toBe(true);
  });

  it('stores identical chunks once', async () => {
    write('copy-of-widgets.md', fs.readFileSync(path.join(corpus, 'widgets.md'), 'utf8'));
    const report = await ingestCollection({
      directory: corpus,
      collection: 'dedupe',
      provider: createCountingEmbedderProvider(),
    });
    const chunks = storedChunks(await activeDirectory('dedupe'));
    expect(report.duplicateChunks).toBeGreaterThan(0);
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(chunks.length);
    expect(chunks.filter((chunk) => chunk.text.includes('dry cloth'))).toHaveLength(1);
  });

  it('skips bad files with reasons and keeps going', async () => {
    write('binary.md', Buffer.from([0x23, 0x00, 0x01]));
    write('latin1.md', Buffer.from([0x43, 0x61, 0x66, 0xe9]));
    write('empty.md', '');
    write('huge.md', `# Huge\n\n${'word '.repeat(2000)}`);
    write('only-comment.md', '<!-- nothing to see -->');
    write('nested.html', `${'<b>'.repeat(1_500)}deep`);
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'outside-'));
    fs.writeFileSync(path.join(outside, 'secret.md'), '# Secret');
    fs.symlinkSync(path.join(outside, 'secret.md'), path.join(corpus, 'leak.md'));

    const report = await ingestCollection({
      directory: corpus,
      collection: 'bad-input',
      provider: createCountingEmbedderProvider(),
      maxFileBytes: 5000,
    });
    expect(report.documents).toBe(3);
    expect(report.skipped).toEqual([
      { path: 'binary.md', reason: 'binary file' },
      { path: 'empty.md', reason: 'empty file' },
      { path: 'huge.md', reason: 'over the size limit (0.0 MB > 0.0 MB)' },
      { path: 'latin1.md', reason: 'invalid UTF-8' },
      { path: 'leak.md', reason: 'symlink pointing outside the directory' },
      { path: 'nested.html', reason: 'HTML nested 1500 elements deep (the limit is 1000)' },
      { path: 'only-comment.md', reason: 'no text content' },
    ]);
    expect((await readManifest(await activeDirectory('bad-input')))?.skipped).toEqual(report.skipped);
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('prefers --description over .collection.json and republishes when only the description changes', async () => {
    const provider = createCountingEmbedderProvider();
    const first = await ingestCollection({ directory: corpus, collection: 'described', provider });
    const second = await ingestCollection({
      directory: corpus,
      collection: 'described',
      provider,
      description: 'Hand-written.',
    });
    expect(second.upToDate).toBe(false);
    expect(second.embeddedChunks).toBe(0);
    expect(second.indexVersion).not.toBe(first.indexVersion);
    expect((await readManifest(await activeDirectory('described')))?.description).toBe('Hand-written.');
  });

  it('re-embeds everything when the embedder changes, and keeps at most two versions on disk', async () => {
    await ingestCollection({
      directory: corpus,
      collection: 'switch',
      provider: createCountingEmbedderProvider('one-v1'),
    });
    const other = createCountingEmbedderProvider('two-v1');
    const report = await ingestCollection({ directory: corpus, collection: 'switch', provider: other });
    expect(report.embedder).toBe('two-v1');
    expect(other.trainings).toBe(1);
    expect(report.embeddedChunks).toBe(report.chunks);
    write('more.md', '# More\n\nAnother page.');
    await ingestCollection({ directory: corpus, collection: 'switch', provider: other });
    const versions = fs.readdirSync(versionsDirectory()).filter((entry) => entry.startsWith('switch@'));
    expect(versions).toHaveLength(2);
  });
});

describe('ingestCollection: base URL', () => {
  it('stores the base URL and each passage its anchor, keeps the URL on later runs and rebuilds when it changes', async () => {
    const provider = createCountingEmbedderProvider();
    await ingestCollection({
      directory: corpus,
      collection: 'linked',
      provider,
      baseUrl: 'https://docs.example.com/v1/',
    });
    const directory = await activeDirectory('linked');
    expect(await readManifest(directory)).toMatchObject({ baseUrl: 'https://docs.example.com/v1/' });
    const cleaning = storedChunks(directory).find((chunk) => chunk.text.includes('dry cloth'));
    // Its short section was merged into the page's first one, so it links to that heading.
    expect(cleaning).toMatchObject({ source: 'widgets.md', anchor: 'widgets' });

    const again = await ingestCollection({ directory: corpus, collection: 'linked', provider });
    expect(again.upToDate).toBe(true);
    const moved = await ingestCollection({
      directory: corpus,
      collection: 'linked',
      provider,
      baseUrl: 'https://new.example.com/',
    });
    expect(moved.upToDate).toBe(false);
    expect(await readManifest(await activeDirectory('linked'))).toMatchObject({
      baseUrl: 'https://new.example.com/',
    });
  });

  it.each(['not a url', 'ftp://docs.example.com/', 'javascript:alert(1)'])(
    'rejects the base URL %j',
    async (baseUrl) => {
      await expect(
        ingestCollection({ directory: corpus, collection: 'badurl', baseUrl }),
      ).rejects.toBeInstanceOf(IngestInputError);
    },
  );
});

describe('ingestCollection: damaged previous index', () => {
  it('rebuilds from the files when the previous chunks cannot be read', async () => {
    const provider = createCountingEmbedderProvider();
    await ingestCollection({ directory: corpus, collection: 'damaged', provider });
    fs.writeFileSync(path.join(await activeDirectory('damaged'), indexFiles.chunks), '{ not json');
    write('widgets.md', '# Widgets\n\nWidgets now sing.');
    const report = await ingestCollection({ directory: corpus, collection: 'damaged', provider });
    expect(report.files).toEqual({ added: 3, changed: 0, removed: 0, unchanged: 0 });
    expect(storedChunks(await activeDirectory('damaged')).some((chunk) => chunk.text.includes('sing'))).toBe(
      true,
    );
  });
});

describe('ingestCollection: index from an older text analyzer', () => {
  it('rebuilds everything, even with no file changed, since the stored terms are not the ones queries use', async () => {
    const provider = createCountingEmbedderProvider();
    await ingestCollection({ directory: corpus, collection: 'analyzer', provider });
    const manifestFile = path.join(await activeDirectory('analyzer'), indexFiles.manifest);
    const { analyzerVersion, ...older } = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    expect(analyzerVersion).toBe(textAnalyzerVersion);
    // Written before the analyzer version was recorded: read as version 1.
    fs.writeFileSync(manifestFile, JSON.stringify(older));

    const report = await ingestCollection({ directory: corpus, collection: 'analyzer', provider });
    expect(report.upToDate).toBe(false);
    expect(report.files).toEqual({ added: 3, changed: 0, removed: 0, unchanged: 0 });
    expect(report.embeddedChunks).toBe(report.chunks);
    expect((await readManifest(await activeDirectory('analyzer')))?.analyzerVersion).toBe(
      textAnalyzerVersion,
    );
  });
});
