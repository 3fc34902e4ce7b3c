import type { EmbedderProvider } from '../contracts/embedder';
import type { PiiCounts } from '../safety/redact-pii';
import type { SkippedFile } from './scan-directory';

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
  /** Where the pages are published (http or https); sources then link to them. Kept from the previous run when absent. */
  baseUrl?: string;
  /** Re-read and re-embed everything (and retrain the local embedder) even if nothing changed. */
  rebuild?: boolean;
  maxFileBytes?: number;
  /** Mask PII in the documents before chunking and embedding; defaults to INGEST_PII_MODE. */
  piiMode?: 'off' | 'mask';
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
  /** True when the embedder learned new state from the whole collection (the local LSA model). */
  retrained: boolean;
  documents: number;
  chunks: number;
  files: { added: number; changed: number; removed: number; unchanged: number };
  /** Chunks embedded in this run, reused from the previous index, and identical ones stored once. */
  embeddedChunks: number;
  reusedChunks: number;
  duplicateChunks: number;
  skipped: SkippedFile[];
  /** PII masked in new and changed files by kind; undefined when masking is off. */
  piiMasked?: PiiCounts;
  durationMs: number;
}
