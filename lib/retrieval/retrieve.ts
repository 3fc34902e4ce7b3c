import { type AppConfig, getConfig } from '../config';
import type { Embedder, EmbedderProvider } from '../embeddings/types';
import { AppError } from '../errors';
import { logger } from '../logger';
import { getEmbedderProvider } from '../models/registry';
import { activeVersion, listCollectionNames, readManifest, toCollectionInfo } from './collection-store';
import { type CollectionHit, searchCollection } from './hybrid-search';
import { type LoadedCollection, loadCollection } from './load-collection';
import { type RouteCandidate, routeQuestion, sharedTermWeight } from './router';
import { tokenize } from './tokenize';
import type { CollectionInfo, RetrievalResult, RetrievedChunk, RouteDecision } from './types';

export interface RetrieveParams {
  query: string;
  /** Pins the search to one collection; routing is skipped. */
  collection?: string;
  /** Number of passages to return (1-50, default 6). */
  k?: number;
  signal?: AbortSignal;
}

export const defaultK = 6;
/**
 * Rank constant when merging collections after a close routing call. Small, so route weights
 * shift the runner-up by a few places (0.58 vs 0.42 puts its best passage about fifth)
 * rather than behind dozens of the leader's passages.
 */
const mergeConstant = 10;
export const maxK = 50;

let providerCache: { config: AppConfig; provider: EmbedderProvider } | undefined;

/** One provider per configuration, so collections share a stateless remote embedder (and its query vector). */
function embedderProvider(): EmbedderProvider {
  const config = getConfig();
  if (providerCache?.config !== config) providerCache = { config, provider: getEmbedderProvider() };
  return providerCache.provider;
}

async function loadAll(provider: EmbedderProvider): Promise<LoadedCollection[]> {
  const names = await listCollectionNames();
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

function toRetrievedChunk(collection: LoadedCollection, chunk: number, score: number): RetrievedChunk {
  const stored = collection.chunks[chunk];
  return {
    id: stored.id,
    collection: collection.manifest.name,
    source: stored.source,
    title: stored.title,
    heading: stored.heading,
    text: stored.text,
    score: Math.round(score * 10_000) / 10_000,
  };
}

/**
 * Searches the documentation: routes the question to the best collection(s) (or the pinned
 * one) and returns the top `k` passages by hybrid (BM25 + vector) relevance, best first.
 * Errors: `bad_request` (empty query), `unknown_collection`, `index_missing`, `embedder_mismatch`.
 */
export async function retrieve(params: RetrieveParams): Promise<RetrievalResult> {
  const { signal } = params;
  const query = params.query.trim();
  if (!query) throw new AppError('bad_request', { publicMessage: 'The query is empty.' });
  const k = Math.min(Math.max(Math.trunc(params.k ?? defaultK), 1), maxK);
  const provider = embedderProvider();
  signal?.throwIfAborted();

  const terms = tokenize(query);
  let route: RouteDecision;
  let chosen: LoadedCollection[];
  if (params.collection) {
    chosen = [await loadCollection(params.collection, provider)];
    route = routeQuestion(query, [], { pinned: params.collection });
  } else {
    const all = await loadAll(provider);
    route = routeQuestion(query, routeCandidates(all, terms));
    chosen = route.collections.flatMap((name) =>
      all.filter((collection) => collection.manifest.name === name),
    );
  }

  const vectors = new Map<Embedder, number[]>();
  const perCollection: { collection: LoadedCollection; hits: CollectionHit[] }[] = [];
  for (const collection of chosen) {
    signal?.throwIfAborted();
    let vector = vectors.get(collection.embedder);
    if (!vector) {
      vector = await collection.embedder.embedQuery(query, signal);
      vectors.set(collection.embedder, vector);
    }
    perCollection.push({ collection, hits: searchCollection(collection, { terms, vector }, k) });
  }
  return { route, sources: mergeCollections(perCollection, route, k) };
}

/**
 * One collection: its hybrid ranking as is. Several (a close routing call): the per-collection
 * rankings fused by reciprocal rank, each weighted by its route score, so the leading
 * collection's best passages come first and the runner-up's best are interleaved after them.
 */
function mergeCollections(
  results: { collection: LoadedCollection; hits: CollectionHit[] }[],
  route: RouteDecision,
  k: number,
): RetrievedChunk[] {
  if (results.length === 1) {
    const [{ collection, hits }] = results;
    return hits.map((hit) => toRetrievedChunk(collection, hit.chunk, hit.score));
  }
  const weightOf = (name: string) => route.scores[name] || 1 / results.length;
  const best =
    Math.max(...results.map(({ collection }) => weightOf(collection.manifest.name))) / (mergeConstant + 1);
  return results
    .flatMap(({ collection, hits }) =>
      hits.map((hit, rank) => ({
        collection,
        hit,
        fused: weightOf(collection.manifest.name) / (mergeConstant + rank + 1) / best,
      })),
    )
    .sort((left, right) => right.fused - left.fused)
    .slice(0, k)
    .map(({ collection, hit, fused }) => toRetrievedChunk(collection, hit.chunk, fused));
}

/** Every ingested collection with its manifest data, sorted by name; unreadable ones are left out. */
export async function listCollections(): Promise<CollectionInfo[]> {
  const names = await listCollectionNames();
  const infos = await Promise.all(
    names.map(async (name) => {
      const active = await activeVersion(name).catch(() => undefined);
      const manifest = active ? await readManifest(active.directory) : undefined;
      return manifest ? toCollectionInfo({ ...manifest, name }) : undefined;
    }),
  );
  return infos.filter((info): info is CollectionInfo => info !== undefined);
}
