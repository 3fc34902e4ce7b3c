import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setConfig } from '../config';
import { activeVersion, versionsDirectory } from '../retrieval/collection-store';
import { retrieve } from '../retrieval/retrieve';
import { ingestCollection } from './ingest-collection';

const root = path.resolve(__dirname, '../..');

let dataDirectory: string;
let corpus: string;

/** Starts an ingest in a child process that stops at `pauseAt`; resolves once it has paused there. */
function startPausedIngest(pauseAt: string): Promise<ChildProcess> {
  // One process (tsx as a loader, not its CLI wrapper), so SIGKILL hits the ingest itself.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/support/ingest-child.ts', corpus, 'python', pauseAt],
    {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDirectory, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (data: Buffer) => {
      output += data.toString();
      if (output.includes(`paused:${pauseAt}`)) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before pausing: ${output}`)));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.on('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

beforeAll(async () => {
  dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-kill-data-'));
  corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-kill-corpus-'));
  fs.cpSync(path.join(root, 'data/corpus/python'), corpus, { recursive: true });
  setConfig({ DATA_DIR: dataDirectory, LOG_LEVEL: 'silent', EMBEDDINGS: 'local' });
  await ingestCollection({ directory: corpus, collection: 'python' });
});

afterAll(() => {
  fs.rmSync(dataDirectory, { recursive: true, force: true });
  fs.rmSync(corpus, { recursive: true, force: true });
});

describe('ingest killed with SIGKILL', () => {
  it.each(['reading', 'embedding', 'indexing'])(
    'while %s leaves the previous index active and usable',
    async (phase) => {
      const before = await activeVersion('python');
      fs.writeFileSync(
        path.join(corpus, `kill-${phase}.md`),
        `# Zebra ${phase}\n\nZebras graze on the savanna.`,
      );

      await killed(await startPausedIngest(phase));

      expect(await activeVersion('python')).toEqual(before);
      const result = await retrieve({ query: 'How do I sort a list?', collection: 'python', k: 3 });
      expect(result.sources.length).toBe(3);
      const zebra = await retrieve({ query: 'zebras savanna', collection: 'python', k: 10 });
      expect(zebra.sources.some((source) => source.text.includes('Zebras'))).toBe(false);
    },
    30_000,
  );

  it('is followed by a run that publishes the new content and removes half-written versions', async () => {
    fs.mkdirSync(path.join(versionsDirectory(), 'python@half-written'), { recursive: true });
    const report = await ingestCollection({ directory: corpus, collection: 'python' });
    expect(report.files.added).toBe(3);
    const zebra = await retrieve({ query: 'zebras savanna', collection: 'python', k: 3 });
    expect(zebra.sources[0].text).toContain('Zebras');
    const versions = fs.readdirSync(versionsDirectory()).filter((entry) => entry.startsWith('python@'));
    expect(versions).toHaveLength(2);
    expect(versions).not.toContain('python@half-written');
  }, 30_000);
});
