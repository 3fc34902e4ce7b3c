import fs from 'node:fs/promises';
import path from 'node:path';
import type { Embedder, EmbedderProvider } from '../contracts/embedder';
import { Bm25Index } from '../retrieval/bm25';
import {
  type CollectionManifest,
  indexFiles,
  type StoredChunk,
  type StoredDocument,
  type StoredFileState,
} from '../retrieval/collection-store';
import { passageText } from '../retrieval/passage-text';
import { writeVectorIndex } from '../retrieval/vector-index';
import { tokenize } from '../text/tokenize';
import type { PreviousIndex } from './previous-index';

export interface IndexArtifacts {
  dimensions: number;
  retrained: boolean;
  embeddedChunks: number;
  /** Writes every index file into `directory` (created), the manifest last. */
  write(
    directory: string,
    metadata: { manifest: CollectionManifest; files: Record<string, StoredFileState> },
  ): Promise<void>;
}

interface BuildOptions {
  chunks: StoredChunk[];
  provider: EmbedderProvider;
  previous: PreviousIndex | undefined;
  /** Retrain (local) when more than this share of chunks is new. */
  retrainShare: number;
  signal?: AbortSignal;
  onProgress?: (embedded: number, total: number, chunksPerSecond: number) => void;
}

const batchSize = 256;

async function embedInBatches(
  embedder: Embedder,
  texts: string[],
  signal: AbortSignal | undefined,
  onBatch: (done: number) => void,
): Promise<number[][]> {
  const vectors: number[][] = [];
  for (let start = 0; start < texts.length; start += batchSize) {
    signal?.throwIfAborted();
    vectors.push(...(await embedder.embedDocuments(texts.slice(start, start + batchSize), signal)));
    onBatch(vectors.length);
  }
  return vectors;
}

/** Length-weighted mean vector per source document, normalised: lets retrieval reward documents that are about the question as a whole. */
function documentCentroids(
  chunks: StoredChunk[],
  vectors: Float32Array,
  dimensions: number,
): StoredDocument[] {
  const sums = new Map<string, { title: string; sum: Float64Array }>();
  chunks.forEach((chunk, row) => {
    let entry = sums.get(chunk.source);
    if (!entry) {
      entry = { title: chunk.title, sum: new Float64Array(dimensions) };
      sums.set(chunk.source, entry);
    }
    // Weighted by length, so a page of many one-line API entries is about what its text says
    // at length, not about whatever its shortest entries are about.
    const weight = chunk.text.length;
    for (let column = 0; column < dimensions; column += 1)
      entry.sum[column] += vectors[row * dimensions + column] * weight;
  });
  return [...sums].map(([source, { title, sum }]) => {
    const norm = Math.sqrt(sum.reduce((total, value) => total + value * value, 0)) || 1;
    return { source, title, centroid: Array.from(sum, (value) => Math.round((value / norm) * 1e6) / 1e6) };
  });
}

/**
 * Embeds the chunks (reusing stored vectors and the trained local model when most of the
 * collection is unchanged; retraining otherwise), and prepares the lexical and vector indexes.
 */
export async function buildIndexArtifacts(options: BuildOptions): Promise<IndexArtifacts> {
  const { chunks, provider, previous, signal } = options;
  const texts = chunks.map(passageText);
  const started = performance.now();
  const rate = (done: number) => done / Math.max((performance.now() - started) / 1000, 1e-3);
  let total = chunks.length;
  const progress = (done: number) => options.onProgress?.(done, total, rate(done));

  const stored = previous ? await previous.vectors() : new Map<string, Float32Array>();
  const missing = chunks.filter((chunk) => !stored.has(chunk.id)).length;
  const previousState = previous ? await previous.embedderState() : undefined;
  let embedder: Embedder | undefined;
  if (previous && chunks.length && missing / chunks.length <= options.retrainShare) {
    try {
      embedder = provider.load(previousState);
    } catch {
      embedder = undefined;
    }
  }

  let state = previousState;
  let rows: number[][] | Float32Array[];
  let embeddedChunks: number;
  let retrained = false;
  if (!embedder) {
    progress(0);
    const trained = await provider.train(texts, signal);
    embedder = trained.embedder;
    state = trained.state;
    retrained = trained.state !== undefined;
    rows = trained.vectors ?? (await embedInBatches(embedder, texts, signal, progress));
    embeddedChunks = chunks.length;
  } else {
    const reuse = embedder;
    const newPositions = chunks.flatMap((chunk, position) => (stored.has(chunk.id) ? [] : [position]));
    total = newPositions.length;
    const fresh = await embedInBatches(
      reuse,
      newPositions.map((position) => texts[position]),
      signal,
      progress,
    );
    const byPosition = new Map(newPositions.map((position, index) => [position, fresh[index]]));
    rows = chunks.map(
      (chunk, position) => stored.get(chunk.id) ?? Float32Array.from(byPosition.get(position) ?? []),
    );
    embeddedChunks = newPositions.length;
  }
  progress(total);

  const dimensions = rows[0]?.length || embedder.dimensions || 1;
  const vectors = new Float32Array(chunks.length * dimensions);
  rows.forEach((row, position) => {
    if (row.length !== dimensions)
      throw new Error(`embedder returned ${row.length} dimensions, expected ${dimensions}`);
    vectors.set(row, position * dimensions);
  });
  signal?.throwIfAborted();
  const lexical = Bm25Index.build(texts.map((text) => tokenize(text)));

  return {
    dimensions,
    retrained,
    embeddedChunks,
    async write(directory, { manifest, files }) {
      await fs.mkdir(directory, { recursive: true });
      const file = (name: string) => path.join(directory, name);
      await fs.writeFile(file(indexFiles.chunks), JSON.stringify(chunks));
      await fs.writeFile(file(indexFiles.files), JSON.stringify(files));
      await fs.writeFile(
        file(indexFiles.documents),
        JSON.stringify(documentCentroids(chunks, vectors, dimensions)),
      );
      await fs.writeFile(file(indexFiles.lexical), JSON.stringify(lexical.toData()));
      await fs.writeFile(file(indexFiles.vectors), new Uint8Array(vectors.buffer));
      if (state) await fs.writeFile(file(indexFiles.embedderState), state);
      writeVectorIndex(file(indexFiles.faiss), vectors, dimensions);
      await fs.writeFile(file(indexFiles.manifest), JSON.stringify(manifest, null, 2));
    },
  };
}
