import type { EmbedderProvider } from '@/lib/contracts/embedder';
import { createLocalEmbedderProvider } from '@/lib/embeddings/local-lsa-embedder';
import { ingestCollection } from '@/lib/ingest/ingest-collection';

/**
 * Runs one ingest in a child process for the kill tests:
 *   tsx tests/support/ingest-child.ts <dir> <collection> <pause-at: reading|embedding|indexing|none>
 * DATA_DIR comes from the environment. At the pause point it prints `paused:<phase>` and
 * waits forever, so the parent can SIGKILL it at a known place.
 */
const [directory, collection, pauseAt = 'none'] = process.argv.slice(2);

function pause(phase: string): Promise<never> {
  process.stdout.write(`paused:${phase}\n`);
  setInterval(() => undefined, 60_000);
  return new Promise<never>(() => undefined);
}

const local = createLocalEmbedderProvider();
const provider: EmbedderProvider = {
  id: local.id,
  async train(texts, signal) {
    if (pauseAt === 'embedding') await pause('embedding');
    return local.train(texts, signal);
  },
  load(state) {
    const embedder = local.load(state);
    return {
      id: embedder.id,
      dimensions: embedder.dimensions,
      embedQuery: (text, signal) => embedder.embedQuery(text, signal),
      async embedDocuments(texts, signal) {
        if (pauseAt === 'embedding') await pause('embedding');
        return embedder.embedDocuments(texts, signal);
      },
    };
  },
};

let pausedInReading = false;
ingestCollection({
  directory,
  collection,
  provider,
  onProgress: (progress) => {
    if (
      pauseAt === 'reading' &&
      progress.phase === 'reading' &&
      progress.filesDone >= 2 &&
      !pausedInReading
    ) {
      pausedInReading = true;
      process.stdout.write('paused:reading\n');
      // Block the event loop: the ingest cannot continue past this file.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    }
    if (pauseAt === 'indexing' && progress.phase === 'indexing') {
      process.stdout.write('paused:indexing\n');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    }
  },
}).then(
  (report) => process.stdout.write(`done:${report.indexVersion}\n`),
  (error: unknown) => {
    process.stderr.write(`failed:${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
