import fs from 'node:fs/promises';
import path from 'node:path';
import {
  type CollectionManifest,
  indexFiles,
  readManifest,
  type StoredChunk,
  type StoredFileState,
  staleIndexProblem,
} from '../retrieval/collection-store';
import { getCollectionStore } from '../retrieval/file-collection-store';

/** The published index an incremental ingest starts from; bulky parts load only when needed. */
export interface PreviousIndex {
  directory: string;
  manifest: CollectionManifest;
  files: Record<string, StoredFileState>;
  chunkTexts(): Promise<Map<string, string>>;
  /** Stored vectors by chunk id. */
  vectors(): Promise<Map<string, Float32Array>>;
  embedderState(): Promise<Uint8Array | undefined>;
}

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await fs.readFile(file, 'utf8')) as T;
}

/**
 * Loads the collection's published index for reuse, or undefined when there is none or it was
 * written in another format or with another text analyzer (then everything is rebuilt).
 */
export async function loadPreviousIndex(collection: string): Promise<PreviousIndex | undefined> {
  const active = await getCollectionStore().activeVersion(collection);
  if (!active) return undefined;
  const { directory } = active;
  const manifest = await readManifest(directory);
  if (!manifest || staleIndexProblem(manifest)) return undefined;
  let files: Record<string, StoredFileState>;
  try {
    files = await readJson<Record<string, StoredFileState>>(path.join(directory, indexFiles.files));
  } catch {
    return undefined;
  }
  let chunks: Promise<StoredChunk[]> | undefined;
  const storedChunks = () => {
    chunks ??= readJson<StoredChunk[]>(path.join(directory, indexFiles.chunks));
    return chunks;
  };
  return {
    directory,
    manifest,
    files,
    async chunkTexts() {
      return new Map((await storedChunks()).map((chunk) => [chunk.id, chunk.text]));
    },
    async vectors() {
      const list = await storedChunks();
      const bytes = await fs.readFile(path.join(directory, indexFiles.vectors));
      const all = new Float32Array(new Uint8Array(bytes).buffer);
      const width = manifest.dimensions;
      if (all.length !== list.length * width) return new Map();
      return new Map(list.map((chunk, row) => [chunk.id, all.subarray(row * width, (row + 1) * width)]));
    },
    async embedderState() {
      try {
        return new Uint8Array(await fs.readFile(path.join(directory, indexFiles.embedderState)));
      } catch {
        return undefined;
      }
    },
  };
}
