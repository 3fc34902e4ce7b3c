import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { getConfig } from '../config';
import { errorMark, hasErrorMark, markError } from '../error-mark';
import { getEmbedderProvider } from '../providers/registry';
import {
  type CollectionManifest,
  collectionNameProblem,
  collectionsDirectory,
  indexFormatVersion,
  versionDirectoryFor,
} from '../retrieval/collection-store';
import { getCollectionStore } from '../retrieval/file-collection-store';
import { textAnalyzerVersion } from '../text/tokenize';
import { assembleChunks } from './assemble-chunks';
import { lockCollection } from './collection-lock';
import { buildIndexArtifacts } from './index-artifacts';
import type { IngestOptions, IngestReport } from './ingest-types';
import { loadPreviousIndex } from './previous-index';
import { readDocuments } from './read-documents';
import type { SkippedFile } from './scan-directory';

export type { IngestOptions, IngestProgress, IngestReport } from './ingest-types';

const ingestInputMark = errorMark('ingest-input-error');

/** Bad arguments (missing directory, invalid name): the CLI prints the message as one line. */
export class IngestInputError extends Error {
  override name = 'IngestInputError';

  constructor(message: string) {
    super(message);
    markError(this, ingestInputMark);
  }
}

/** True for an IngestInputError from any copy of this module. */
export function isIngestInputError(value: unknown): value is IngestInputError {
  return hasErrorMark(value, ingestInputMark);
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
    if (isIngestInputError(error)) throw error;
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

/** A base URL as given, or an {@link IngestInputError} for anything but an absolute http(s) URL. */
function checkedBaseUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new IngestInputError(
      `--base-url ${JSON.stringify(value)} is not a URL (e.g. https://docs.example.com/)`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new IngestInputError(`--base-url must be an http or https URL, not ${url.protocol}`);
  }
  return url.href;
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

  const baseUrl = checkedBaseUrl(options.baseUrl) ?? previous?.manifest.baseUrl;
  const maskPersonalData = (options.piiMode ?? getConfig().INGEST_PII_MODE) === 'mask';
  const { files, texts, counts, skipped, fileCount, piiMasked } = await readDocuments({
    directory,
    previousFiles: previous?.files ?? {},
    maxBytes: options.maxFileBytes ?? defaultMaxFileBytes,
    maskPersonalData,
    signal,
    onProgress: options.onProgress,
  });

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
    ...(maskPersonalData ? { piiMasked } : {}),
    durationMs: Math.round(performance.now() - started),
    ...fields,
  });

  if (previous && !contentChanged && !embedderChanged) {
    const manifest = previous.manifest;
    if (
      manifest.description === description &&
      manifest.baseUrl === baseUrl &&
      sameSkipped(manifest.skipped, skipped)
    ) {
      return report({
        upToDate: true,
        indexVersion: manifest.indexVersion,
        documents: manifest.documents,
        chunks: manifest.chunks,
      });
    }
  }

  const previousTexts = previous
    ? await previous.chunkTexts().catch(() => undefined)
    : new Map<string, string>();
  // A damaged previous index cannot supply unchanged chunks: start over from the files.
  if (!previousTexts) return ingestLocked({ ...options, rebuild: true }, started);
  const chunks = assembleChunks(files, texts, previousTexts);
  const artifacts = await buildIndexArtifacts({
    chunks: chunks.list,
    provider,
    previous: embedderChanged ? undefined : previous,
    retrainShare,
    signal,
    onProgress: (done, total, rate) =>
      options.onProgress?.({
        phase: 'embedding',
        filesDone: fileCount,
        filesTotal: fileCount,
        chunks: done,
        chunksTotal: total,
        chunksPerSecond: rate,
      }),
  });
  signal?.throwIfAborted();

  options.onProgress?.({
    phase: 'indexing',
    filesDone: fileCount,
    filesTotal: fileCount,
    chunks: chunks.list.length,
    chunksTotal: chunks.list.length,
    chunksPerSecond: 0,
  });
  const indexVersion = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const manifest: CollectionManifest = {
    formatVersion: indexFormatVersion,
    analyzerVersion: textAnalyzerVersion,
    name: collection,
    description,
    documents: files.size,
    chunks: chunks.list.length,
    embedder: provider.id,
    dimensions: artifacts.dimensions,
    updatedAt: new Date().toISOString(),
    indexVersion,
    skipped,
    ...(baseUrl ? { baseUrl } : {}),
  };
  const versionDirectory = versionDirectoryFor(collection, indexVersion);
  await artifacts.write(versionDirectory, { manifest, files: Object.fromEntries(files) });
  signal?.throwIfAborted();
  await getCollectionStore().publish(collection, versionDirectory);

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
