import fs from 'node:fs';
import path from 'node:path';
import type { CollectionInfo } from '../contracts/retrieval';
import { processSingleton } from '../runtime/process-singleton';
import { reportFailure } from '../telemetry/failure-events';
import { collectionsDirectory, inspectManifest, toCollectionInfo } from './collection-store';
import { getCollectionStore } from './file-collection-store';

/** The collections on disk at one moment: names, active versions and manifests. */
export interface CollectionSnapshot {
  /** Every validly named entry, sorted, including ones whose index is unreadable. */
  names: string[];
  /** The active version of each name that has one. */
  active: Map<string, { directory: string; indexVersion: string }>;
  /** Collections with a readable manifest, sorted by name. */
  infos: CollectionInfo[];
  /** True when a collection is a plain directory instead of a symlink to a version. */
  hasPlainDirectories: boolean;
}

interface CachedSnapshot {
  directory: string;
  signature: string;
  snapshot: Promise<CollectionSnapshot>;
}

/**
 * A signature younger than this is not trusted: directory times have coarse granularity, so a
 * second swap right after the first could leave the time unchanged (the "racy" case).
 */
const settleMilliseconds = 2_000;

const cachedSnapshot = () =>
  processSingleton('retrieval.collection-snapshot', () => ({
    current: undefined as CachedSnapshot | undefined,
  }));

async function readSnapshot(): Promise<CollectionSnapshot> {
  const store = getCollectionStore();
  const names = await store.listNames();
  const active = new Map<string, { directory: string; indexVersion: string }>();
  let hasPlainDirectories = false;
  const infos = await Promise.all(
    names.map(async (name) => {
      const version = await store.activeVersion(name).catch((error: unknown) => {
        reportFailure('collection_unreadable', { subject: name, error });
        return undefined;
      });
      if (!version) return undefined;
      active.set(name, version);
      if (version.directory === path.join(collectionsDirectory(), name)) hasPlainDirectories = true;
      const { manifest, problem } = await inspectManifest(version.directory);
      // Left out of the list, but never silently: health shows it degraded too (check-indexes).
      if (problem) reportFailure('collection_unreadable', { subject: name, error: problem });
      return manifest ? toCollectionInfo({ ...manifest, name }) : undefined;
    }),
  );
  return {
    names,
    active,
    infos: infos.filter((info): info is CollectionInfo => info !== undefined),
    hasPlainDirectories,
  };
}

/**
 * The directory's identity and modification time; undefined when missing or changed too
 * recently to trust. Synchronous on purpose: a stat of a cached inode takes about 2 µs, while
 * the promise form costs ten times that plus a thread-pool round trip on every turn.
 */
function directorySignature(directory: string): string | undefined {
  try {
    const stats = fs.statSync(directory, { bigint: true, throwIfNoEntry: false });
    if (!stats || Date.now() - Number(stats.mtimeMs) < settleMilliseconds) return undefined;
    return `${stats.dev}:${stats.ino}:${stats.mtimeNs}`;
  } catch {
    // Unreadable: not cached; reading the collections reports it as no collections.
    return undefined;
  }
}

/**
 * The collections on disk, kept in memory per process and re-read only when the collections
 * directory changes: an ingest (in this process or another) publishes by renaming the
 * collection's symlink inside it, which changes the directory's modification time. So a call
 * costs one stat instead of a readdir, a readlink and a manifest read per collection. Plain
 * collection directories (copied in by hand, edited in place) are never cached.
 */
export async function collectionSnapshot(): Promise<CollectionSnapshot> {
  const directory = collectionsDirectory();
  const holder = cachedSnapshot();
  const signature = directorySignature(directory);
  const cached = holder.current;
  if (signature && cached?.directory === directory && cached.signature === signature) return cached.snapshot;
  const snapshot = readSnapshot();
  if (!signature) return snapshot;
  const entry = { directory, signature, snapshot };
  holder.current = entry;
  const forget = () => {
    if (holder.current === entry) holder.current = undefined;
  };
  snapshot.then((read) => {
    if (read.hasPlainDirectories) forget();
  }, forget);
  return snapshot;
}
