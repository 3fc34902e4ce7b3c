import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setConfig } from '../config';
import { ingestCollection } from '../ingest/ingest-collection';
import { logger } from '../logger';
import { warmUp } from './warm-up';

describe('warmUp', () => {
  let dataDirectory: string;

  beforeEach(() => {
    dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'warm-up-'));
    setConfig({ DATA_DIR: dataDirectory, LOG_LEVEL: 'silent' });
  });

  afterEach(() => {
    vi.restoreAllMocks();
    fs.rmSync(dataDirectory, { recursive: true, force: true });
  });

  it('loads every collection once', async () => {
    await ingestCollection({ directory: path.resolve('data/corpus/python'), collection: 'python' });
    const info = vi.spyOn(logger, 'info');
    await warmUp();
    expect(info).toHaveBeenCalledWith('warm_up_done', expect.objectContaining({ collections: 1 }));
  });

  it('counts the tokens of every passage once, in the background after loading', async () => {
    await ingestCollection({ directory: path.resolve('data/corpus/python'), collection: 'python' });
    const info = vi.spyOn(logger, 'info');
    await warmUp();
    const primed = info.mock.calls.find(([event]) => event === 'passage_tokens_primed');
    expect(primed?.[1]).toMatchObject({ passages: expect.any(Number) });
    info.mockClear();
    await warmUp();
    expect(info).toHaveBeenCalledWith('passage_tokens_primed', expect.objectContaining({ passages: 0 }));
  });

  it('resolves with nothing to load when no index exists yet', async () => {
    const info = vi.spyOn(logger, 'info');
    await expect(warmUp()).resolves.toBeUndefined();
    expect(info).toHaveBeenCalledWith('warm_up_done', expect.objectContaining({ collections: 0 }));
  });

  it('reports an unreadable index instead of throwing', async () => {
    await ingestCollection({ directory: path.resolve('data/corpus/python'), collection: 'python' });
    fs.writeFileSync(path.join(dataDirectory, 'collections/python/chunks.json'), '{ not json');
    const warn = vi.spyOn(logger, 'warn');
    await expect(warmUp()).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith('warm_up_skipped', expect.anything());
  });
});
