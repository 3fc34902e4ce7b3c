import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setConfig } from '../config';
import { collectionSnapshot } from './collection-snapshot';
import { collectionsDirectory, indexFormatVersion, versionDirectoryFor } from './collection-store';

let dataDirectory: string;

function writeVersion(name: string, indexVersion: string, description: string): string {
  const directory = versionDirectoryFor(name, indexVersion);
  fs.mkdirSync(directory, { recursive: true });
  const manifest = {
    formatVersion: indexFormatVersion,
    name,
    description,
    documents: 1,
    chunks: 1,
    embedder: 'local',
    dimensions: 8,
    updatedAt: '2026-01-01T00:00:00.000Z',
    indexVersion,
  };
  fs.writeFileSync(path.join(directory, 'manifest.json'), JSON.stringify(manifest));
  return directory;
}

/** Swaps the collection's symlink as an ingest in another process does: temporary link, then rename. */
function publish(name: string, directory: string): void {
  const temporary = path.join(collectionsDirectory(), `.${name}.link-test`);
  fs.symlinkSync(path.relative(collectionsDirectory(), directory), temporary);
  fs.renameSync(temporary, path.join(collectionsDirectory(), name));
}

/** Makes the collections directory look untouched for an hour, so its state may be cached. */
function settle(): void {
  const hourAgo = new Date(Date.now() - 3_600_000);
  fs.utimesSync(collectionsDirectory(), hourAgo, hourAgo);
}

const descriptions = async () => (await collectionSnapshot()).infos.map((info) => info.description);

beforeEach(() => {
  dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'collection-snapshot-'));
  setConfig({ DATA_DIR: dataDirectory, LOG_LEVEL: 'silent' });
});

afterEach(() => {
  fs.rmSync(dataDirectory, { recursive: true, force: true });
});

describe('collectionSnapshot', () => {
  it('is empty when nothing was ingested', async () => {
    expect(await collectionSnapshot()).toMatchObject({ names: [], infos: [] });
  });

  it('reads names, active versions and manifests', async () => {
    publish('python', writeVersion('python', 'v1', 'Python docs'));
    publish('javascript', writeVersion('javascript', 'v1', 'JS docs'));
    const snapshot = await collectionSnapshot();
    expect(snapshot.names).toEqual(['javascript', 'python']);
    expect(snapshot.infos.map((info) => [info.name, info.indexVersion])).toEqual([
      ['javascript', 'v1'],
      ['python', 'v1'],
    ]);
    expect(snapshot.active.get('python')?.directory).toBe(versionDirectoryFor('python', 'v1'));
  });

  it('serves a settled directory from memory instead of reading the manifests again', async () => {
    const directory = writeVersion('python', 'v1', 'original');
    publish('python', directory);
    settle();
    const first = await collectionSnapshot();
    // Version directories are immutable; an in-place edit is only visible when the cache is read.
    fs.writeFileSync(
      path.join(directory, 'manifest.json'),
      fs.readFileSync(path.join(directory, 'manifest.json'), 'utf8').replace('original', 'edited'),
    );
    expect(await collectionSnapshot()).toBe(first);
    expect(await descriptions()).toEqual(['original']);
  });

  it('picks up a version published by another process', async () => {
    publish('python', writeVersion('python', 'v1', 'first'));
    settle();
    expect(await descriptions()).toEqual(['first']);
    publish('python', writeVersion('python', 'v2', 'second'));
    const snapshot = await collectionSnapshot();
    expect(snapshot.infos.map((info) => [info.description, info.indexVersion])).toEqual([['second', 'v2']]);
    expect(snapshot.active.get('python')?.indexVersion).toBe('v2');
  });

  it('picks up every swap of quick successive ingests (directory times are too coarse to trust)', async () => {
    for (const version of ['v1', 'v2', 'v3']) {
      publish('python', writeVersion('python', version, version));
      expect(await descriptions()).toEqual([version]);
    }
  });

  it('picks up new and removed collections', async () => {
    publish('python', writeVersion('python', 'v1', 'Python docs'));
    settle();
    expect((await collectionSnapshot()).names).toEqual(['python']);
    publish('javascript', writeVersion('javascript', 'v1', 'JS docs'));
    expect((await collectionSnapshot()).names).toEqual(['javascript', 'python']);
    settle();
    await collectionSnapshot();
    fs.rmSync(path.join(collectionsDirectory(), 'python'));
    expect((await collectionSnapshot()).names).toEqual(['javascript']);
  });

  it('re-reads plain collection directories (copied in by hand) on every call', async () => {
    const directory = path.join(collectionsDirectory(), 'python');
    fs.mkdirSync(directory, { recursive: true });
    fs.cpSync(writeVersion('python', 'v1', 'original'), directory, { recursive: true });
    settle();
    expect(await descriptions()).toEqual(['original']);
    const manifest = path.join(directory, 'manifest.json');
    fs.writeFileSync(manifest, fs.readFileSync(manifest, 'utf8').replace('original', 'edited'));
    expect(await descriptions()).toEqual(['edited']);
  });

  it('follows a change of data directory', async () => {
    publish('python', writeVersion('python', 'v1', 'Python docs'));
    settle();
    expect((await collectionSnapshot()).names).toEqual(['python']);
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'collection-snapshot-other-'));
    try {
      setConfig({ DATA_DIR: other, LOG_LEVEL: 'silent' });
      expect((await collectionSnapshot()).names).toEqual([]);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});
