import { type AppConfig, getConfig } from '../config';
import type { EmbedderProvider } from '../contracts/embedder';
import type { JsonModel } from '../contracts/models';
import type { RouteDecision } from '../contracts/retrieval';
import { AppError } from '../errors';
import { logger } from '../logger';
import { getRouterModel } from '../providers/registry';
import { maskForProvider } from '../safety/redact-pii';
import { tokenize } from '../text/tokenize';
import { collectionSnapshot } from './collection-snapshot';
import { routeWithModel } from './llm-router';
import { configuredEmbedderProvider, type LoadedCollection, loadCollection } from './load-collection';
import type { RouteCandidate } from './route-candidate';
import { routeQuestion } from './router';
import { sharedTermWeight } from './shared-term-weight';

export interface RouteParams {
  query: string;
  /** Pins the question to one collection; no routing happens. */
  collection?: string;
  signal?: AbortSignal;
}

let routerCache: { config: AppConfig; model: JsonModel | undefined } | undefined;

/** The router model for the current configuration (undefined: local routing only). */
function routerModel(): JsonModel | undefined {
  const config = getConfig();
  if (routerCache?.config !== config) routerCache = { config, model: getRouterModel() };
  return routerCache.model;
}

/** The trimmed query; an empty one is a `bad_request`. */
export function checkedQuery(query: string): string {
  const trimmed = query.trim();
  if (!trimmed) throw new AppError('bad_request', { publicMessage: 'The query is empty.' });
  return trimmed;
}

/** Every collection that loads; the others are logged and left out (none at all: the first error). */
async function loadAll(provider: EmbedderProvider): Promise<LoadedCollection[]> {
  const { names } = await collectionSnapshot();
  if (!names.length) throw new AppError('index_missing', { detail: 'no collections have been ingested' });
  const results = await Promise.allSettled(names.map((name) => loadCollection(name, provider)));
  const loaded = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failures = results.flatMap((result) =>
    result.status === 'rejected' ? [result.reason as unknown] : [],
  );
  for (const failure of failures) logger.warn('collection_unavailable', { error: failure });
  if (!loaded.length) throw failures[0];
  return loaded;
}

function routeCandidates(collections: LoadedCollection[], terms: string[]): RouteCandidate[] {
  const profiles = collections.map((collection) => ({
    passages: collection.chunks.length,
    documentFrequency: (term: string) => collection.lexical.documentFrequency(term),
  }));
  const weight = sharedTermWeight(profiles);
  return collections.map((collection, index) => ({
    name: collection.manifest.name,
    description: collection.manifest.description,
    ...profiles[index],
    retrievalScore: collection.lexical.search(terms, 1, weight)[0]?.score ?? 0,
  }));
}

/**
 * Decides which collection(s) a question searches: the pinned one (checked to exist), else
 * the local router over every loaded collection, or with ROUTER=llm and a remote model the
 * router model, which falls back to the local decision on any failure. The first step of
 * {@link retrieve}; the agent runs it on its own to time and report routing separately.
 * Errors: `bad_request` (empty query), `unknown_collection`, `index_missing`, `embedder_mismatch`.
 */
export async function routeQuery(params: RouteParams): Promise<RouteDecision> {
  const query = checkedQuery(params.query);
  const signal = params.signal ?? new AbortController().signal;
  const provider = configuredEmbedderProvider();
  signal.throwIfAborted();
  if (params.collection) {
    await loadCollection(params.collection, provider);
    return routeQuestion(query, [], { pinned: params.collection });
  }
  const collections = await loadAll(provider);
  signal.throwIfAborted();
  const local = routeQuestion(query, routeCandidates(collections, tokenize(query)));
  const model = routerModel();
  if (!model) return local;
  const described = collections.map(({ manifest }) => ({
    name: manifest.name,
    description: manifest.description,
    documents: manifest.documents,
  }));
  return routeWithModel(model, maskForProvider(query), described, local, { signal });
}
