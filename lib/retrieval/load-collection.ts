import fs from 'node:fs/promises';
import path from 'node:path';
import type { IndexFlatIP } from 'faiss-node';
import { type AppConfig, getConfig } from '../config';
import type { Embedder, EmbedderProvider } from '../contracts/embedder';
import { AppError } from '../errors';
import { getEmbedderProvider } from '../providers/registry';
import { processSingleton } from '../runtime/process-singleton';
import { type ApiNameIndex, buildApiNameIndex } from './api-name-index';
import { type Bm25Data, Bm25Index } from './bm25';
import { collectionSnapshot } from './collection-snapshot';
import {
  type CollectionManifest,
  indexFiles,
  inspectManifest,
  type StoredChunk,
  type StoredDocument,
  staleIndexProblem,
} from './collection-store';
import { readVectorIndex } from './vector-index';

/** A collection's index in memory: everything a query needs, loaded once per index version. */
export interface LoadedCollection {
  manifest: CollectionManifest;
  chunks: StoredChunk[];
  lexical: Bm25Index;
  vectors: IndexFlatIP;
  embedder: Embedder;
  documents: { source: string; title: string; centroid: Float32Array }[];
  /** For each chunk, the position of its document in `documents`. */
  documentOfChunk: Int32Array;
  /** API entries by the words of their names (see `rankApiNames`). */
  apiNames: ApiNameIndex;
}

interface CacheEntry {
  indexVersion: string;
  loading: Promise<LoadedCollection>;
}

/**
 * Per process, not per module: Next.js evaluates this module once per route bundle, and each
 * copy would otherwise load every index again (the chat, OpenAI-compatible and retrieve routes).
 */
const loadedCollections = () =>
  processSingleton('retrieval.loaded-collections', () => new Map<string, CacheEntry>());

let providerCache: { config: AppConfig; provider: EmbedderProvider } | undefined;

/**
 * The configured embedder provider, one per configuration, so collections share a stateless
 * remote embedder (and its query vector).
 */
export function configuredEmbedderProvider(): EmbedderProvider {
  const config = getConfig();
  if (providerCache?.config !== config) providerCache = { config, provider: getEmbedderProvider() };
  return providerCache.provider;
}

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await fs.readFile(file, 'utf8')) as T;
}

function assertSameEmbedder(manifest: CollectionManifest, provider: EmbedderProvider): void {
  if (manifest.embedder === provider.id) return;
  throw new AppError('embedder_mismatch', {
    publicMessage: `Collection "${manifest.name}" was indexed with the embedder "${manifest.embedder}", but the app is configured for "${provider.id}". Re-run npm run ingest for it, or change EMBEDDINGS.`,
    detail: `collection ${manifest.name}: index embedder ${manifest.embedder}, configured ${provider.id}`,
  });
}

/** Its terms would not match the query's: searching it would quietly miss passages. */
function assertCurrentFormat(manifest: CollectionManifest): void {
  const problem = staleIndexProblem(manifest);
  if (!problem) return;
  throw new AppError('index_missing', {
    publicMessage: `Collection "${manifest.name}" was indexed by another version of the app. Re-run npm run ingest for it.`,
    detail: `collection ${manifest.name}: ${problem}, re-run ingest`,
  });
}

async function loadFrom(
  name: string,
  directory: string,
  provider: EmbedderProvider,
): Promise<LoadedCollection> {
  const { manifest, problem } = await inspectManifest(directory);
  if (!manifest) {
    // Named, not located: this detail reaches the health report.
    throw new AppError('index_missing', { detail: `collection ${name}: ${problem}` });
  }
  assertSameEmbedder(manifest, provider);
  assertCurrentFormat(manifest);
  try {
    const file = (entry: string) => path.join(directory, entry);
    const [chunks, lexicalData, storedDocuments, state] = await Promise.all([
      readJson<StoredChunk[]>(file(indexFiles.chunks)),
      readJson<Bm25Data>(file(indexFiles.lexical)),
      readJson<StoredDocument[]>(file(indexFiles.documents)),
      fs.readFile(file(indexFiles.embedderState)).then(
        (bytes) => new Uint8Array(bytes),
        () => undefined,
      ),
    ]);
    const vectors = readVectorIndex(file(indexFiles.faiss));
    if (vectors.ntotal() !== chunks.length)
      throw new Error(`index.faiss holds ${vectors.ntotal()} vectors for ${chunks.length} chunks`);
    const documents = storedDocuments.map((document) => ({
      source: document.source,
      title: document.title,
      centroid: Float32Array.from(document.centroid),
    }));
    const positions = new Map(documents.map((document, position) => [document.source, position]));
    return {
      manifest,
      chunks: shareDocumentStrings(chunks, documents, positions),
      lexical: Bm25Index.fromData(lexicalData),
      vectors,
      embedder: provider.load(state),
      documents,
      documentOfChunk: Int32Array.from(chunks, (chunk) => positions.get(chunk.source) ?? -1),
      apiNames: buildApiNameIndex(chunks),
    };
  } catch (error) {
    throw new AppError('index_missing', {
      detail: `collection ${name}: index files unreadable in ${directory}`,
      cause: error,
    });
  }
}

/**
 * JSON.parse gives every chunk its own copy of its document's path and title; point them at
 * the document's strings instead, so each is held once (a document has about 20 chunks).
 */
function shareDocumentStrings(
  chunks: StoredChunk[],
  documents: { source: string; title: string }[],
  positions: Map<string, number>,
): StoredChunk[] {
  for (const chunk of chunks) {
    const document = documents[positions.get(chunk.source) ?? -1];
    if (!document) continue;
    chunk.source = document.source;
    if (chunk.title === document.title) chunk.title = document.title;
  }
  return chunks;
}

/**
 * The loaded index of a collection. Loaded once per process and kept until an ingest publishes
 * a new version (checked with one stat per call, see {@link collectionSnapshot}). Unknown name -> `unknown_collection`; no
 * collections at all or unreadable files -> `index_missing`; built by another embedder ->
 * `embedder_mismatch`.
 */
export async function loadCollection(name: string, provider: EmbedderProvider): Promise<LoadedCollection> {
  const snapshot = await collectionSnapshot();
  const active = snapshot.active.get(name);
  if (!active) {
    if (!snapshot.names.length) {
      throw new AppError('index_missing', { detail: 'no collections have been ingested' });
    }
    throw new AppError('unknown_collection', {
      publicMessage: `There is no collection named "${name}".`,
      detail: `unknown collection ${name}`,
    });
  }
  const cache = loadedCollections();
  const cached = cache.get(name);
  if (cached && cached.indexVersion === active.indexVersion) {
    const loaded = await cached.loading;
    assertSameEmbedder(loaded.manifest, provider);
    return loaded;
  }
  const loading = loadFrom(name, active.directory, provider);
  cache.set(name, { indexVersion: active.indexVersion, loading });
  loading.catch(() => {
    if (cache.get(name)?.loading === loading) cache.delete(name);
  });
  return loading;
}
