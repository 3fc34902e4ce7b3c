/** Shared fakes for agent tests: the starter corpus as chunks, a lexical retriever, scripted models. */
import fs from 'node:fs';
import path from 'node:path';
import type { AnswerEvent, AnswerModel, AnswerRequest } from '@/lib/contracts/models';
import type {
  CollectionInfo,
  RetrievalResult,
  RetrievedChunk,
  RouteDecision,
} from '@/lib/contracts/retrieval';
import { expandedTerms, termsMatch } from '@/lib/text/query-terms';

// Tests and scripts run from the repository root.
const corpusDirectory = path.resolve('data/corpus');

/**
 * The bundled starter corpus split at `##` headings, the way the ingester roughly does, so
 * agent tests run on real documentation without an index.
 */
export function loadCorpusChunks(collections = ['python', 'javascript']): RetrievedChunk[] {
  return collections.flatMap((collection) =>
    fs
      .readdirSync(path.join(corpusDirectory, collection))
      .filter((file) => file.endsWith('.md'))
      .sort()
      .flatMap((file) => {
        const text = fs.readFileSync(path.join(corpusDirectory, collection, file), 'utf8');
        const title = /^#\s+(.*)$/m.exec(text)?.[1]?.trim() ?? file;
        return text.split(/^(?=##\s)/m).map((section, position) => {
          const heading = /^##\s+(.*)$/m.exec(section)?.[1]?.trim();
          return {
            id: `${collection}/${file}#${position}`,
            collection,
            source: file,
            title,
            heading: heading ? `${title} > ${heading}` : title,
            text: section.trim(),
            score: 0,
          };
        });
      }),
  );
}

export interface FakeRetrieverOptions {
  chunks?: RetrievedChunk[];
  /** Makes every call fail with this error. */
  error?: Error;
  /** Waits this long (honouring the signal) before answering. */
  delayMs?: number;
}

export interface FakeRetriever {
  route(params: { query: string; collection?: string; signal?: AbortSignal }): Promise<RouteDecision>;
  /** Searches the collection of `route` when given one, else routes first. */
  retrieve(params: {
    query: string;
    collection?: string;
    k?: number;
    signal?: AbortSignal;
    route?: RouteDecision;
  }): Promise<RetrievalResult>;
  listCollections(): Promise<CollectionInfo[]>;
  /** Every search, with the collection it searched. */
  calls: { query: string; collection?: string }[];
  /** Every routing call. */
  routeCalls: { query: string; collection?: string }[];
}

/**
 * A retriever scoring chunks by the question terms they contain (IDF-weighted), routing to the
 * collection of the best chunk unless one is pinned. `delayMs` and `error` apply to searches.
 */
export function createFakeRetriever(options: FakeRetrieverOptions = {}): FakeRetriever {
  const chunks = options.chunks ?? loadCorpusChunks();
  const chunkTerms = chunks.map((chunk) => expandedTerms(`${chunk.heading} ${chunk.text}`));
  const calls: FakeRetriever['calls'] = [];
  const routeCalls: FakeRetriever['routeCalls'] = [];
  const score = (query: string, collection?: string): RetrievedChunk[] => {
    const terms = expandedTerms(query);
    const weights = terms.map((term) => {
      const frequency = chunkTerms.filter((candidates) => candidates.some((c) => termsMatch(term, c))).length;
      return frequency ? Math.log(1 + chunks.length / frequency) : 0;
    });
    return chunks
      .map((chunk, position) => ({
        ...chunk,
        score: terms.reduce(
          (total, term, index) =>
            total +
            (chunkTerms[position].some((candidate) => termsMatch(term, candidate)) ? weights[index] : 0),
          0,
        ),
      }))
      .filter((chunk) => chunk.score > 0 && (!collection || chunk.collection === collection))
      .sort((a, b) => b.score - a.score);
  };
  const decide = (query: string, collection?: string): RouteDecision => {
    const best = score(query, collection)[0];
    const chosen = collection ?? best?.collection ?? 'python';
    return {
      collections: [chosen],
      scores: { [chosen]: best?.score ?? 0 },
      reason: collection ? 'pinned by the user' : `best lexical match in ${chosen}`,
      confidence: collection ? 1 : 0.8,
      pinned: Boolean(collection),
    };
  };
  return {
    calls,
    routeCalls,
    async route({ query, collection, signal }) {
      routeCalls.push({ query, collection });
      signal?.throwIfAborted();
      return decide(query, collection);
    },
    async retrieve({ query, collection, k = 6, signal, route }) {
      const decision = route ?? decide(query, collection);
      const [searched] = decision.collections;
      calls.push({ query, collection: searched });
      if (options.delayMs) await delay(options.delayMs, signal);
      signal?.throwIfAborted();
      if (options.error) throw options.error;
      return { route: decision, sources: score(query, searched).slice(0, k) };
    },
    async listCollections() {
      const names = [...new Set(chunks.map((chunk) => chunk.collection))];
      return names.map((name) => ({
        name,
        description: `${name} docs`,
        documents: new Set(chunks.filter((chunk) => chunk.collection === name).map((chunk) => chunk.source))
          .size,
        chunks: chunks.filter((chunk) => chunk.collection === name).length,
        embedder: 'fake',
        updatedAt: '2026-01-01T00:00:00.000Z',
        indexVersion: 'fake-1',
      }));
    },
  };
}

function delay(milliseconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, milliseconds);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** One step of a scripted model: an event to yield, a pause, or an error to throw. */
export type ScriptStep = AnswerEvent | { type: 'wait'; ms: number } | { type: 'throw'; error: Error };

export interface ScriptedModel extends AnswerModel {
  requests: AnswerRequest[];
  /** Set when a stream ended because its signal aborted. */
  aborted: boolean;
}

/**
 * A model that plays a script (text events, pauses, errors) and honours the abort signal
 * during pauses, recording the requests it received.
 */
export function createScriptedModel(
  steps: ScriptStep[],
  identity: { id?: string; provider?: 'openai' | 'local' } = {},
): ScriptedModel {
  const model: ScriptedModel = {
    id: identity.id ?? 'scripted-model',
    provider: identity.provider ?? 'openai',
    requests: [],
    aborted: false,
    async *stream(request) {
      model.requests.push(request);
      try {
        for (const step of steps) {
          request.signal.throwIfAborted();
          if (step.type === 'wait') await delay(step.ms, request.signal);
          else if (step.type === 'throw') throw step.error;
          else yield step;
        }
      } catch (error) {
        if (request.signal.aborted) model.aborted = true;
        throw error;
      }
    },
  };
  return model;
}

/** Text events for each word of `text`, keeping spaces, like a model streams tokens. */
export function textSteps(text: string): ScriptStep[] {
  return (text.match(/\S+\s*/g) ?? []).map((token) => ({ type: 'text', text: token }));
}
