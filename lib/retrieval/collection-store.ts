import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { getConfig } from '../config';
import type { CollectionInfo } from '../contracts/retrieval';
import { AppError } from '../errors';
import { reportFailure } from '../telemetry/failure-events';
import { textAnalyzerVersion } from '../text/tokenize';

/**
 * On-disk layout. `collections/<name>` is a symlink to an immutable version directory under
 * `collections/.versions/`; an ingest writes a complete new version, then swaps the symlink
 * with one atomic rename, so readers see either the old index or the new one, never a mix.
 */
export const indexFiles = {
  manifest: 'manifest.json',
  chunks: 'chunks.json',
  files: 'files.json',
  documents: 'documents.json',
  lexical: 'bm25.json',
  vectors: 'vectors.f32',
  faiss: 'index.faiss',
  embedderState: 'embedder.bin',
} as const;

/** Bumped when the on-disk format changes; older indexes are rebuilt by the next ingest. */
export const indexFormatVersion = 1;

const collectionNamePattern = /^[a-z0-9_-]{1,40}$/;

/** Returns why `name` is not a valid collection name, or undefined when it is. */
export function collectionNameProblem(name: string): string | undefined {
  if (collectionNamePattern.test(name)) return undefined;
  return `invalid collection name ${JSON.stringify(name)}: use 1-40 characters from a-z, 0-9, "-" and "_"`;
}

export const manifestSchema = z.object({
  formatVersion: z.number().int(),
  /** The text analyzer whose terms the index holds; manifests from before it was recorded used 1. */
  analyzerVersion: z.number().int().default(1),
  name: z.string(),
  description: z.string(),
  documents: z.number().int().nonnegative(),
  chunks: z.number().int().nonnegative(),
  embedder: z.string(),
  dimensions: z.number().int().nonnegative(),
  updatedAt: z.string(),
  indexVersion: z.string(),
  /** Where the collection's pages are published (`--base-url`): sources link to them. */
  baseUrl: z.string().url().optional(),
  /** Files the last run skipped, with reasons, so the dashboard can show them. */
  skipped: z.array(z.object({ path: z.string(), reason: z.string() })).default([]),
});

export type CollectionManifest = z.infer<typeof manifestSchema>;

/**
 * Why an index cannot be used by this version of the app (another on-disk format, or terms
 * from another text analyzer), or undefined when it can. Such an index is rebuilt by ingest.
 */
export function staleIndexProblem(manifest: CollectionManifest): string | undefined {
  if (manifest.formatVersion !== indexFormatVersion)
    return `index format ${manifest.formatVersion}, expected ${indexFormatVersion}`;
  if (manifest.analyzerVersion !== textAnalyzerVersion)
    return `text analyzer ${manifest.analyzerVersion}, expected ${textAnalyzerVersion}`;
  return undefined;
}

/** One retrievable passage as stored in `chunks.json` (array order = vector order). */
export interface StoredChunk {
  id: string;
  source: string;
  title: string;
  heading: string;
  text: string;
  /** Fragment of the original page the passage sits under, when its format has anchors. */
  anchor?: string;
}

/** A source document as stored in `documents.json`, with the mean of its chunk vectors. */
export interface StoredDocument {
  source: string;
  title: string;
  centroid: number[];
}

/** What incremental ingest remembers per source file. */
export interface StoredFileState {
  hash: string;
  title: string;
  chunks: { id: string; heading: string; anchor?: string }[];
}

/** Version directories are named `<collection>@<indexVersion>`. */
export function versionDirectoryFor(name: string, indexVersion: string): string {
  return path.join(versionsDirectory(), `${name}@${indexVersion}`);
}

function versionOf(directory: string): string {
  const base = path.basename(directory);
  return base.slice(base.indexOf('@') + 1);
}

/** `${DATA_DIR}/collections`: one symlink per collection, plus the version store. */
export function collectionsDirectory(): string {
  return path.join(getConfig().DATA_DIR, 'collections');
}

/** Where the immutable version directories live. */
export function versionsDirectory(): string {
  return path.join(collectionsDirectory(), '.versions');
}

/** The active version directory of a collection and its version id, or undefined when there is none. */
export async function activeVersion(
  name: string,
): Promise<{ directory: string; indexVersion: string } | undefined> {
  const link = path.join(collectionsDirectory(), name);
  try {
    const target = await fs.readlink(link);
    const directory = path.resolve(collectionsDirectory(), target);
    return { directory, indexVersion: versionOf(directory) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'EINVAL') {
      // A plain directory (copied in by hand): versioned by its manifest. One without a usable
      // manifest is still returned, so its problem is reported instead of it vanishing.
      const manifest = await readManifest(link);
      return { directory: link, indexVersion: manifest?.indexVersion ?? 'unversioned' };
    }
    throw error;
  }
}

/** A directory's manifest, or why there is none usable (missing, not JSON, invalid, unreadable). */
export async function inspectManifest(
  directory: string,
): Promise<
  { manifest: CollectionManifest; problem?: undefined } | { manifest?: undefined; problem: string }
> {
  let text: string;
  try {
    text = await fs.readFile(path.join(directory, indexFiles.manifest), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: code === 'ENOENT' ? 'manifest missing' : `manifest unreadable (${code ?? 'error'})` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'manifest is not valid JSON' };
  }
  const parsed = manifestSchema.safeParse(value);
  if (parsed.success) return { manifest: parsed.data };
  const issue = parsed.error.issues[0];
  return { problem: `manifest invalid: ${issue.path.join('.') || 'value'} ${issue.message}` };
}

/** Reads and validates a version directory's manifest; undefined when missing or unreadable. */
export async function readManifest(directory: string): Promise<CollectionManifest | undefined> {
  return (await inspectManifest(directory)).manifest;
}

/**
 * Names of the collections that have an index, sorted. No collections directory means none
 * yet; any other failure to read it (EACCES, ENOTDIR, EIO) is AppError 'index_unreadable',
 * logged and counted, never "no collections".
 */
export async function listCollectionNames(): Promise<string[]> {
  let entries: string[];
  try {
    entries = await fs.readdir(collectionsDirectory());
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    reportFailure('collections_directory_unreadable', { error });
    throw new AppError('index_unreadable', {
      detail: `collections directory unreadable (${code ?? 'error'})`,
      cause: error,
    });
  }
  return entries.filter((entry) => !collectionNameProblem(entry)).sort();
}

/** The public view of a manifest. */
export function toCollectionInfo(manifest: CollectionManifest): CollectionInfo {
  const { name, description, documents, chunks, embedder, updatedAt, indexVersion } = manifest;
  return { name, description, documents, chunks, embedder, updatedAt, indexVersion };
}

/**
 * Makes `versionDirectory` the collection's active index with one atomic rename of a symlink,
 * then deletes versions older than the one it replaced (that one stays for readers still
 * holding it open).
 */
export async function publishVersion(name: string, versionDirectory: string): Promise<void> {
  const root = collectionsDirectory();
  const previous = await activeVersion(name);
  const temporaryLink = path.join(root, `.${name}.link-${process.pid}`);
  await fs.rm(temporaryLink, { force: true });
  await fs.symlink(path.relative(root, versionDirectory), temporaryLink);
  await fs.rename(temporaryLink, path.join(root, name));
  await removeStaleVersions(name, [versionDirectory, previous?.directory]);
}

/** Deletes version directories of `name` other than `keep` (also half-written ones from killed runs). */
export async function removeStaleVersions(name: string, keep: Array<string | undefined>): Promise<void> {
  const kept = new Set(
    keep.filter((entry): entry is string => Boolean(entry)).map((entry) => path.resolve(entry)),
  );
  let entries: string[];
  try {
    entries = await fs.readdir(versionsDirectory());
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.startsWith(`${name}@`)) continue;
    const directory = path.join(versionsDirectory(), entry);
    if (!kept.has(path.resolve(directory))) await fs.rm(directory, { recursive: true, force: true });
  }
}
