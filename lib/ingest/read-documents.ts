import type { StoredFileState } from '../retrieval/collection-store';
import { chunkDocument } from './chunk-document';
import type { IngestProgress } from './ingest-types';
import { parseDocument } from './parse-document';
import { readSourceFile } from './read-source-file';
import { type SkippedFile, scanDirectory } from './scan-directory';

export interface DocumentsRead {
  /** Every usable file with its hash, title and chunk list (reused as is when unchanged). */
  files: Map<string, StoredFileState>;
  /** Text of the chunks of new and changed files, by chunk id. */
  texts: Map<string, string>;
  counts: { added: number; changed: number; removed: number; unchanged: number };
  skipped: SkippedFile[];
  fileCount: number;
}

/**
 * Reads the directory: skips bad files with reasons, keeps unchanged files (same content hash
 * as before) without parsing them, and parses and chunks new and changed ones.
 */
export async function readDocuments(options: {
  directory: string;
  previousFiles: Record<string, StoredFileState>;
  maxBytes: number;
  signal?: AbortSignal;
  onProgress?: (progress: IngestProgress) => void;
}): Promise<DocumentsRead> {
  const { previousFiles, signal } = options;
  const scan = await scanDirectory(options.directory);
  const skipped = [...scan.skipped];
  const files = new Map<string, StoredFileState>();
  const texts = new Map<string, string>();
  const counts = { added: 0, changed: 0, removed: 0, unchanged: 0 };
  let producedChunks = 0;
  const started = performance.now();

  for (const [position, file] of scan.files.entries()) {
    signal?.throwIfAborted();
    const read = await readSourceFile(file.absolutePath, options.maxBytes);
    if (!read.ok) {
      skipped.push({ path: file.relativePath, reason: read.reason });
      continue;
    }
    const before = previousFiles[file.relativePath];
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
    const seconds = (performance.now() - started) / 1000;
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
  counts.removed = Object.keys(previousFiles).filter((file) => !files.has(file)).length;
  return { files, texts, counts, skipped, fileCount: scan.files.length };
}
