import { cliActor } from '../audit/cli-actor';
import { getAuditLog } from '../audit/file-audit-log';
import type { IngestReport } from './ingest-collection';

/**
 * Records an ingest run in the audit log: the collection, where it came from and what changed
 * on success, or the error on failure. `actor` defaults to the command-line user.
 */
export function auditIngestRun(
  run: { collection: string; directory: string; actor?: string } & (
    | { report: IngestReport }
    | { error: unknown }
  ),
): void {
  const base = { actor: run.actor ?? cliActor(), action: 'ingest.run', target: run.collection };
  if ('report' in run) {
    const { report } = run;
    getAuditLog().append({
      ...base,
      result: 'ok',
      details: {
        directory: report.directory,
        indexVersion: report.indexVersion,
        upToDate: report.upToDate,
        documents: report.documents,
        chunks: report.chunks,
        added: report.files.added,
        changed: report.files.changed,
        removed: report.files.removed,
        skipped: report.skipped.length,
        durationMs: Math.round(report.durationMs),
      },
    });
    return;
  }
  getAuditLog().append({
    ...base,
    result: 'error',
    details: {
      directory: run.directory,
      error: run.error instanceof Error ? run.error.message : String(run.error),
    },
  });
}
