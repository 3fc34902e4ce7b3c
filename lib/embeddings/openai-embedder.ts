import { OpenAIEmbeddings } from '@langchain/openai';
import type { Embedder, EmbedderProvider } from './types';

export interface OpenAIEmbedderOptions {
  model: string;
  apiKey?: string;
  baseURL?: string;
}

/** LangChain's embeddings take no AbortSignal, so a caller that gives up stops waiting here. */
function abortable<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return work;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function normalize(vector: number[]): number[] {
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
  return norm ? vector.map((value) => value / norm) : vector;
}

/** Output sizes of the common OpenAI embedding models; others are measured on first use. */
const knownDimensions: Record<string, number> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};

/**
 * OpenAI-compatible embeddings through @langchain/openai (works with any base URL that speaks
 * the embeddings API). Stateless: nothing is trained or saved per collection.
 */
export function createOpenAIEmbedderProvider(options: OpenAIEmbedderOptions): EmbedderProvider {
  const client = new OpenAIEmbeddings({
    model: options.model,
    apiKey: options.apiKey ?? 'not-needed',
    configuration: options.baseURL ? { baseURL: options.baseURL } : undefined,
    // The registry wraps this embedder in the resilience layer, the one retry layer.
    maxRetries: 0,
    timeout: 30_000,
  });
  let dimensions = knownDimensions[options.model] ?? 0;
  const embedder: Embedder = {
    id: `openai:${options.model}`,
    get dimensions() {
      return dimensions;
    },
    async embedDocuments(texts, signal) {
      const vectors = await abortable(client.embedDocuments(texts), signal);
      if (vectors[0]) dimensions = vectors[0].length;
      return vectors.map(normalize);
    },
    async embedQuery(text, signal) {
      const vector = await abortable(client.embedQuery(text), signal);
      dimensions = vector.length;
      return normalize(vector);
    },
  };
  return {
    id: embedder.id,
    async train() {
      return { embedder };
    },
    load() {
      return embedder;
    },
  };
}
