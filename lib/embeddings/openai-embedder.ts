import { OpenAIEmbeddings } from '@langchain/openai';
import type { Embedder, EmbedderProvider } from '../contracts/embedder';
import { createCheckedFetch } from '../models/checked-fetch';

export interface OpenAIEmbedderOptions {
  model: string;
  apiKey?: string;
  baseURL?: string;
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

/** `fetch` that also ends the request when `signal` aborts (besides the client's own timeout). */
function fetchWithSignal(signal: AbortSignal): typeof fetch {
  return (input, init) =>
    fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal });
}

/**
 * LangChain's OpenAIEmbeddings takes no per-call AbortSignal, so a call with a signal gets a
 * client of its own whose `fetch` (the openai client's documented hook) also listens to that
 * signal and checks the reply's content type: aborting closes the HTTP request. Cheap: the client is a thin wrapper and requests
 * still share the process's connection pool. Without this a deadline would leave the request
 * open until the client's own timeout.
 */
function createClient(options: OpenAIEmbedderOptions, signal?: AbortSignal): OpenAIEmbeddings {
  return new OpenAIEmbeddings({
    model: options.model,
    apiKey: options.apiKey ?? 'not-needed',
    configuration: {
      ...(options.baseURL ? { baseURL: options.baseURL } : {}),
      // A 200 that is not JSON (a proxy's error page) is a failed call, not a shapeless reply.
      fetch: createCheckedFetch('json', signal ? fetchWithSignal(signal) : fetch),
    },
    // The registry wraps this embedder in the resilience layer, the one retry layer.
    maxRetries: 0,
    timeout: 30_000,
  });
}

/** Runs one embeddings call that stops (request closed) when `signal` aborts, failing with its reason. */
async function embedWith<T>(
  options: OpenAIEmbedderOptions,
  signal: AbortSignal | undefined,
  work: (client: OpenAIEmbeddings) => Promise<T>,
): Promise<T> {
  signal?.throwIfAborted();
  try {
    return await work(createClient(options, signal));
  } catch (error) {
    // The client reports an aborted request as a timeout or connection error; the caller's reason is the truth.
    throw signal?.aborted ? signal.reason : error;
  }
}

/**
 * OpenAI-compatible embeddings through @langchain/openai (works with any base URL that speaks
 * the embeddings API). Stateless: nothing is trained or saved per collection.
 */
export function createOpenAIEmbedderProvider(options: OpenAIEmbedderOptions): EmbedderProvider {
  let dimensions = knownDimensions[options.model] ?? 0;
  const embedder: Embedder = {
    id: `openai:${options.model}`,
    get dimensions() {
      return dimensions;
    },
    async embedDocuments(texts, signal) {
      const vectors = await embedWith(options, signal, (client) => client.embedDocuments(texts));
      if (vectors[0]) dimensions = vectors[0].length;
      return vectors.map(normalize);
    },
    async embedQuery(text, signal) {
      const vector = await embedWith(options, signal, (client) => client.embedQuery(text));
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
