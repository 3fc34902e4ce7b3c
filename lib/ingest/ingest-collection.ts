import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { EmbedderProvider } from '../embeddings/types';
import { getEmbedderProvider } from '../models/registry';
import {
  type CollectionManifest,
  collectionNameProblem,
  collectionsDirectory,
  indexFormatVersion,
  publishVersion,
  type StoredFileState,
  versionDirectoryFor,
} from '../retrieval/collection-store';
import { chunkDocument } from './chunk-document';
import { lockCollection } from './collection-lock';
import { buildIndexArtifacts, type IndexChunk } from './index-artifacts';
import { parseDocument } from './parse-document';
import { loadPreviousIndex } from './previous-index';
import { readSourceFile } from './read-source-file';
import { type SkippedFile, scanDirectory } from './scan-directory';

export interface IngestProgress {
  phase: 'reading' | 'embedding' | 'indexing';
  filesDone: number;
  filesTotal: number;
  /** Chunks produced (reading), embedded (embedding) or indexed (indexing) so far. */
  chunks: number;
  /** Chunks this phase will handle in all (while reading: those produced so far). */
  chunksTotal: number;
  chunksPerSecond: number;
}

export interface IngestOptions {
  directory: string;
  collection: string;
  description?: string;
  /** Re-read and re-embed everything (and retrain the local embedder) even if nothing changed. */
  rebuild?: boolean;
  maxFileBytes?: number;
  provider?: EmbedderProvider;
  onProgress?: (progress: IngestProgress) => void;
  signal?: AbortSignal;
}

export interface IngestReport {
  collection: string;
  directory: string;
  /** True when nothing changed and the existing index was kept as is. */
  upToDate: boolean;
  indexVersion: string;
  embedder: string;
  /** True when the embedder was (re)trained on the whole collection. */
  retrained: boolean;
  documents: number;
  chunks: number;
  files: { added: number; changed: number; removed: number; unchanged: number };
  /** Chunks embedded in this run, reused from the previous index, and identical ones stored once. */
  embeddedChunks: number;
  reusedChunks: number;
  duplicateChunks: number;
  skipped: SkippedFile[];
  durationMs: number;
}

/** Bad arguments (missing directory, invalid name): the CLI prints the message as one line. */
export class IngestInputError extends Error {
  override name = 'IngestInputError';
}

export const defaultMaxFileBytes = 5 * 1_048_576;
/** Past this share of new chunks, the local embedder is retrained instead of reused. */
const retrainShare = 0.5;

async function descriptionFromCorpus(directory: string): Promise<string | undefined> {
  try {
    const parsed = JSON.parse(await fs.readFile(path.join(directory, '.collection.json'), 'utf8')) as unknown;
    const description = (parsed as { description?: unknown }).description;
    return typeof description === 'string' && description.trim() ? description.trim() : undefined;
  } catch {
    return undefined;
  }
}

async function checkDirectory(directory: string): Promise<string> {
  const resolved = path.resolve(directory);
  try {
    const stat = await fs.stat(resolved);
    if (!stat.isDirectory()) throw new IngestInputError(`not a directory: ${resolved}`);
  } catch (error) {
    if (error instanceof IngestInputError) throw error;
    throw new IngestInputError(`directory not found: ${resolved}`);
  }
  return resolved;
}

function sameSkipped(left: SkippedFile[], right: SkippedFile[]): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

/**
 * Ingests a directory into a collection, incrementally: unchanged files keep their chunks and
 * vectors, changed and new files are re-chunked and embedded, deleted files drop out, and
 * identical chunks are stored once. The new index is written to a fresh version directory and
 * published with an atomic swap, so a run killed at any point leaves the previous index intact.
 */
export async function ingestCollection(options: IngestOptions): Promise<IngestReport> {
  const started = performance.now();
  const problem = collectionNameProblem(options.collection);
  if (problem) throw new IngestInputError(problem);
  const directory = await checkDirectory(options.directory);
  const release = await lockCollection(collectionsDirectory(), options.collection);
  try {
    return await ingestLocked({ ...options, directory }, started);
  } finally {
    await release();
  }
}

async function ingestLocked(
  options: IngestOptions & { directory: string },
  started: number,
): Promise<IngestReport> {
  const { collection, directory, signal } = options;
  const provider = options.provider ?? getEmbedderProvider();
  const previous = options.rebuild ? undefined : await loadPreviousIndex(collection);
  const description =
    options.description?.trim() ||
    (await descriptionFromCorpus(directory)) ||
    previous?.manifest.description ||
    '';

  const scan = await scanDirectory(directory);
  const skipped = [...scan.skipped];
  const files = new Map<string, StoredFileState>();
  const texts = new Map<string, string>();
  const counts = { added: 0, changed: 0, removed: 0, unchanged: 0 };
  const maxBytes = options.maxFileBytes ?? defaultMaxFileBytes;
  let producedChunks = 0;
  const readStarted = performance.now();

  for (const [position, file] of scan.files.entries()) {
    signal?.throwIfAborted();
    const read = await readSourceFile(file.absolutePath, maxBytes);
    if (!read.ok) {
      skipped.push({ path: file.relativePath, reason: read.reason });
      continue;
    }
    const before = previous?.files[file.relativePath];
    if (before && before.hash === read.hash) {
      files.set(file.relativePath, before);
      counts.unchanged += 1;
    } else {
      const document = parseDocument(file.relativePath, read.text);
      const chunks = chunkDocument(document);
      if (!chunks.length) {
        skipped.push({ path: file.relativePath, reason: 'no text content' });
        continue;
      }
      for (const chunk of chunks) texts.set(chunk.hash, chunk.text);
      files.set(file.relativePath, {
        hash: read.hash,
        title: document.title,
        chunks: chunks.map((chunk) => ({ id: chunk.hash, heading: chunk.heading })),
      });
      producedChunks += chunks.length;
      if (before) counts.changed += 1;
      else counts.added += 1;
    }
    const seconds = (performance.now() - readStarted) / 1000;
    options.onProgress?.({
      phase: 'reading',
      filesDone: position + 1,
      filesTotal: scan.files.length,
      chunks: producedChunks,
      chunksTotal: producedChunks,
      chunksPerSecond: seconds > 0 ? producedChunks / seconds : 0,
    });
  }
  skipped.sort((left, right) => (left.path < right.path ? -1 : left.path > right.path ? 1 : 0));
  if (previous) counts.removed = Object.keys(previous.files).filter((file) => !files.has(file)).length;

  const contentChanged = counts.added + counts.changed + counts.removed > 0;
  const embedderChanged = previous !== undefined && previous.manifest.embedder !== provider.id;
  const report = (
    fields: Partial<IngestReport> & Pick<IngestReport, 'indexVersion' | 'documents' | 'chunks'>,
  ): IngestReport => ({
    collection,
    directory,
    upToDate: false,
    embedder: provider.id,
    retrained: false,
    files: counts,
    embeddedChunks: 0,
    reusedChunks: 0,
    duplicateChunks: 0,
    skipped,
    durationMs: Math.round(performance.now() - started),
    ...fields,
  });

  if (previous && !contentChanged && !embedderChanged) {
    const manifest = previous.manifest;
    if (manifest.description === description && sameSkipped(manifest.skipped, skipped)) {
      return report({
        upToDate: true,
        indexVersion: manifest.indexVersion,
        documents: manifest.documents,
        chunks: manifest.chunks,
      });
    }
  }

  const chunks = assembleChunks(files, texts, previous ? await previous.chunkTexts() : new Map());
  const artifacts = await buildIndexArtifacts({
    chunks: chunks.list,
    provider,
    previous: embedderChanged ? undefined : previous,
    retrainShare,
    signal,
    onProgress: (done, total, rate) =>
      options.onProgress?.({
        phase: 'embedding',
        filesDone: scan.files.length,
        filesTotal: scan.files.length,
        chunks: done,
        chunksTotal: total,
        chunksPerSecond: rate,
      }),
  });
  signal?.throwIfAborted();

  options.onProgress?.({
    phase: 'indexing',
    filesDone: scan.files.length,
    filesTotal: scan.files.length,
    chunks: chunks.list.length,
    chunksTotal: chunks.list.length,
    chunksPerSecond: 0,
  });
  const indexVersion = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const manifest: CollectionManifest = {
    formatVersion: indexFormatVersion,
    name: collection,
    description,
    documents: files.size,
    chunks: chunks.list.length,
    embedder: provider.id,
    dimensions: artifacts.dimensions,
    updatedAt: new Date().toISOString(),
    indexVersion,
    skipped,
  };
  const versionDirectory = versionDirectoryFor(collection, indexVersion);
  await artifacts.write(versionDirectory, { manifest, files: Object.fromEntries(files) });
  signal?.throwIfAborted();
  await publishVersion(collection, versionDirectory);

  return report({
    indexVersion,
    retrained: artifacts.retrained,
    documents: files.size,
    chunks: chunks.list.length,
    embeddedChunks: artifacts.embeddedChunks,
    reusedChunks: chunks.list.length - artifacts.embeddedChunks,
    duplicateChunks: chunks.duplicates,
  });
}

/** Lists chunks in file order, storing identical chunks (same heading and text) once. */
function assembleChunks(
  files: Map<string, StoredFileState>,
  texts: Map<string, string>,
  previousTexts: Map<string, string>,
): { list: IndexChunk[]; duplicates: number } {
  const list: IndexChunk[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  const sources = [...files.keys()].sort();
  for (const source of sources) {
    const file = files.get(source);
    if (!file) continue;
    for (const chunk of file.chunks) {
      if (seen.has(chunk.id)) {
        duplicates += 1;
        continue;
      }
      seen.add(chunk.id);
      const text = texts.get(chunk.id) ?? previousTexts.get(chunk.id);
      if (text === undefined)
        throw new Error(`chunk ${chunk.id} of ${source} is missing from the previous index`);
      list.push({ id: chunk.id, source, title: file.title, heading: chunk.heading, text });
    }
  }
  return { list, duplicates };
}
