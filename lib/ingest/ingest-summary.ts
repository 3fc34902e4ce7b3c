import type { IngestProgress, IngestReport } from './ingest-collection';

/** One progress line: files read, chunks produced or embedded, and throughput. */
export function formatProgress(progress: IngestProgress): string {
  const rate = `${Math.round(progress.chunksPerSecond)} chunks/s`;
  if (progress.phase === 'reading') {
    return `reading ${progress.filesDone}/${progress.filesTotal} files, ${progress.chunks} chunks, ${rate}`;
  }
  if (progress.phase === 'embedding')
    return `embedding ${progress.chunks}/${progress.chunksTotal} chunks, ${rate}`;
  return `indexing ${progress.chunks} chunks`;
}

/** Groups skipped files by reason, with a few example paths each. */
function skippedLines(report: IngestReport): string[] {
  if (!report.skipped.length) return [];
  const byReason = new Map<string, string[]>();
  for (const file of report.skipped)
    byReason.set(file.reason, [...(byReason.get(file.reason) ?? []), file.path]);
  const lines = [`skipped ${report.skipped.length} file(s):`];
  for (const [reason, paths] of byReason) {
    const examples = paths.slice(0, 3).join(', ') + (paths.length > 3 ? `, ... (+${paths.length - 3})` : '');
    lines.push(`  ${reason}: ${paths.length} (${examples})`);
  }
  return lines;
}

/** What masking removed, e.g. `  PII masked: 3 email, 1 phone` (nothing when masking is off). */
function piiLines(report: IngestReport): string[] {
  if (!report.piiMasked) return [];
  const parts = Object.entries(report.piiMasked).map(([kind, count]) => `${count} ${kind}`);
  return [`  PII masked: ${parts.length ? parts.join(', ') : 'none found'}`];
}

/** The end-of-run summary printed by `npm run ingest`. */
export function formatIngestSummary(report: IngestReport): string[] {
  const seconds = (report.durationMs / 1000).toFixed(1);
  if (report.upToDate) {
    return [
      `${report.collection} is up to date: ${report.documents} documents, ${report.chunks} chunks (checked in ${seconds} s)`,
      ...skippedLines(report),
    ];
  }
  const { added, changed, removed, unchanged } = report.files;
  return [
    `${report.collection}: ${report.documents} documents, ${report.chunks} chunks in ${seconds} s`,
    `  files: ${added} added, ${changed} changed, ${removed} removed, ${unchanged} unchanged`,
    `  chunks: ${report.embeddedChunks} embedded, ${report.reusedChunks} reused, ${report.duplicateChunks} duplicates stored once`,
    `  embedder: ${report.embedder}${report.retrained ? ' (trained on this collection)' : ''}; index version ${report.indexVersion}`,
    ...piiLines(report),
    ...(report.documents === 0
      ? [
          '  warning: no documents were ingested; supported files are .md, .mdx, .markdown, .txt, .rst, .html and .htm',
        ]
      : []),
    ...skippedLines(report),
  ];
}
