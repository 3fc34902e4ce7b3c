import type { Embedder } from '../contracts/embedder';
import type { CollectionInfo, RetrievalResult, RetrievedChunk, RouteDecision } from '../contracts/retrieval';
import { maskForProvider } from '../safety/redact-pii';
import { tokenize } from '../text/tokenize';
import { collectionSnapshot } from './collection-snapshot';
import { type CollectionHit, searchCollection } from './hybrid-search';
import { configuredEmbedderProvider, type LoadedCollection, loadCollection } from './load-collection';
import { collectionMergeConstant } from './retrieval-tuning';
import { checkedQuery, routeQuery } from './route-query';
import { sourceUrl } from './source-url';

export interface RetrieveParams {
  query: string;
  /** Pins the search to one collection; routing is skipped. */
  collection?: string;
  /** Number of passages to return (1-50, default 6). */
  k?: number;
  signal?: AbortSignal;
  /**
   * A decision already made by {@link routeQuery} for this query: only the search runs (the
   * agent routes and searches as two timed steps). Takes precedence over `collection`.
   */
  route?: RouteDecision;
}

export const defaultK = 6;
export const maxK = 50;

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
    ...(collection.manifest.baseUrl ? { url: sourceUrl(collection.manifest.baseUrl, stored) } : {}),
  };
}

/**
 * Searches the documentation: routes the question to the best collection(s) (or the pinned
 * one, see {@link routeQuery}) unless given a route, and returns the top `k` passages by
 * hybrid (BM25 + vector) relevance, best first.
 * Errors: `bad_request` (empty query), `unknown_collection`, `index_missing`, `embedder_mismatch`.
 */
export async function retrieve(params: RetrieveParams): Promise<RetrievalResult> {
  const { signal } = params;
  const query = checkedQuery(params.query);
  const k = Math.min(Math.max(Math.trunc(params.k ?? defaultK), 1), maxK);
  signal?.throwIfAborted();
  const route = params.route ?? (await routeQuery({ query, collection: params.collection, signal }));
  const provider = configuredEmbedderProvider();
  // Cached after routing loaded them: one stat of the collections directory each.
  const chosen = await Promise.all(route.collections.map((name) => loadCollection(name, provider)));

  const searched = withoutCollectionNames(query, route.collections);
  const terms = tokenize(searched);
  const vectors = new Map<Embedder, number[]>();
  const perCollection: { collection: LoadedCollection; hits: CollectionHit[] }[] = [];
  for (const collection of chosen) {
    signal?.throwIfAborted();
    let vector = vectors.get(collection.embedder);
    if (!vector) {
      vector = await collection.embedder.embedQuery(maskForProvider(searched), signal);
      vectors.set(collection.embedder, vector);
    }
    perCollection.push({ collection, hits: searchCollection(collection, { terms, vector }, k) });
  }
  return { route, sources: mergeCollections(perCollection, route, k) };
}

/**
 * The query without the names of the collections searched: "in JavaScript" chose the
 * collection, and inside it the word would only favour the few pages that happen to say it
 * (the VM module, "executing JavaScript"), lexically and in meaning alike. A query of nothing
 * else keeps them.
 */
function withoutCollectionNames(query: string, collections: string[]): string {
  const names = collections.flatMap((name) => name.split(/[-_\s]+/)).filter(Boolean);
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${names.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`,
    'giu',
  );
  const rest = query.replace(pattern, ' ');
  return tokenize(rest).length ? rest : query;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
    Math.max(...results.map(({ collection }) => weightOf(collection.manifest.name))) /
    (collectionMergeConstant + 1);
  return results
    .flatMap(({ collection, hits }) =>
      hits.map((hit, rank) => ({
        collection,
        hit,
        fused: weightOf(collection.manifest.name) / (collectionMergeConstant + rank + 1) / best,
      })),
    )
    .sort((left, right) => right.fused - left.fused)
    .slice(0, k)
    .map(({ collection, hit, fused }) => toRetrievedChunk(collection, hit.chunk, fused));
}

/**
 * Every ingested collection with its manifest data, sorted by name; unreadable ones are left
 * out. Served from memory until an ingest changes the collections (see {@link collectionSnapshot}).
 */
export async function listCollections(): Promise<CollectionInfo[]> {
  return (await collectionSnapshot()).infos;
}
