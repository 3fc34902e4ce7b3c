import type { StoredFileState } from '../retrieval/collection-store';
import { addCounts, maskPii, type PiiCounts } from '../safety/redact-pii';
import { chunkDocument, chunkingVersion } from './chunk-document';
import type { ParsedDocument } from './document-blocks';
import type { IngestProgress } from './ingest-types';
import { tryParseDocument } from './parse-document';
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
  /** What masking removed from new and changed files, by kind (empty when masking is off). */
  piiMasked: PiiCounts;
}

/** The document with PII masked in its title and every block's text, and what was masked. */
function maskDocument(document: ParsedDocument): { document: ParsedDocument; counts: PiiCounts } {
  let counts: PiiCounts = {};
  const mask = (text: string) => {
    const redaction = maskPii(text);
    counts = addCounts(counts, redaction.counts);
    return redaction.text;
  };
  const blocks = document.blocks.map((block) =>
    'text' in block ? { ...block, text: mask(block.text) } : block,
  );
  return { document: { ...document, title: mask(document.title), blocks }, counts };
}

/**
 * Reads the directory: skips bad files with reasons, keeps unchanged files (same content hash
 * as before) without parsing them, and parses and chunks new and changed ones, masking PII
 * first when `maskPersonalData` is set.
 */
export async function readDocuments(options: {
  directory: string;
  previousFiles: Record<string, StoredFileState>;
  maxBytes: number;
  maskPersonalData?: boolean;
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
  let piiMasked: PiiCounts = {};
  const started = performance.now();

  for (const [position, file] of scan.files.entries()) {
    signal?.throwIfAborted();
    const read = await readSourceFile(file.absolutePath, options.maxBytes);
    if (!read.ok) {
      skipped.push({ path: file.relativePath, reason: read.reason });
      continue;
    }
    // The stored hash carries the chunking rules and the masking mode, so changing either
    // re-reads every file instead of keeping chunks cut by other rules.
    const base = `${read.hash}:chunking-${chunkingVersion}`;
    const hash = options.maskPersonalData ? `${base}:pii-masked` : base;
    const before = previousFiles[file.relativePath];
    if (before && before.hash === hash) {
      files.set(file.relativePath, before);
      counts.unchanged += 1;
    } else {
      const parsed = tryParseDocument(file.relativePath, read.text);
      if (!parsed.ok) {
        skipped.push({ path: file.relativePath, reason: parsed.reason });
        continue;
      }
      let document = parsed.document;
      if (options.maskPersonalData) {
        const masked = maskDocument(document);
        document = masked.document;
        piiMasked = addCounts(piiMasked, masked.counts);
      }
      const chunks = chunkDocument(document);
      if (!chunks.length) {
        skipped.push({ path: file.relativePath, reason: 'no text content' });
        continue;
      }
      for (const chunk of chunks) texts.set(chunk.hash, chunk.text);
      files.set(file.relativePath, {
        hash,
        title: document.title,
        chunks: chunks.map((chunk) => ({
          id: chunk.hash,
          heading: chunk.heading,
          ...(chunk.anchor ? { anchor: chunk.anchor } : {}),
        })),
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
  return { files, texts, counts, skipped, fileCount: scan.files.length, piiMasked };
}
