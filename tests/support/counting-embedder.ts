import { createHash } from 'node:crypto';
import type { Embedder, EmbedderProvider } from '@/lib/contracts/embedder';

export interface CountingEmbedderProvider extends EmbedderProvider {
  /** Every text embedded so far (documents and queries), in order. */
  embedded: string[];
  trainings: number;
}

const dimensions = 16;

/** Deterministic bag-of-words vector: each lowercase word adds to one hashed dimension. */
function hashedVector(text: string): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    vector[createHash('md5').update(word).digest()[0] % dimensions] += 1;
  }
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0)) || 1;
  return vector.map((value) => value / norm);
}

/**
 * A fast, stateless embedder for ingest and retrieval tests that records what it embedded, so
 * tests can assert that unchanged chunks are not embedded again.
 */
export function createCountingEmbedderProvider(id = 'counting-v1'): CountingEmbedderProvider {
  const embedded: string[] = [];
  const embedder: Embedder = {
    id,
    dimensions,
    async embedDocuments(texts) {
      embedded.push(...texts);
      return texts.map(hashedVector);
    },
    async embedQuery(text) {
      embedded.push(text);
      return hashedVector(text);
    },
  };
  const provider: CountingEmbedderProvider = {
    id,
    embedded,
    trainings: 0,
    async train() {
      provider.trainings += 1;
      return { embedder };
    },
    load() {
      return embedder;
    },
  };
  return provider;
}
