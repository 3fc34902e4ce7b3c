import fs from 'node:fs';
import path from 'node:path';
import { openAuditAggregates } from '../audit/audit-aggregate';
import { type AuditFile, auditDirectory, lastAuditWriteError, sortAuditFiles } from '../audit/audit-files';
import { parseAuditLine } from '../audit/audit-reader';
import { readLinesBackward } from '../audit/backward-lines';
import { getConfig } from '../config';
import type { HealthComponent } from '../contracts/dashboard';
import { processSingleton } from '../runtime/process-singleton';
import { timed } from './timed';

interface ScanState {
  file?: string;
  /** Bytes of `file` already checked: each health check reads only what was appended since. */
  scannedTo: number;
  corruptLines: number;
}

const scan = processSingleton<ScanState>('audit-health-scan', () => ({ scannedTo: 0, corruptLines: 0 }));

/** Counts corrupt lines appended to `location` since the last check, up to its last newline. */
async function scanForCorruptLines(location: string, signal?: AbortSignal): Promise<number> {
  if (scan.file !== location || (await fs.promises.stat(location)).size < scan.scannedTo) {
    Object.assign(scan, { file: location, scannedTo: 0, corruptLines: 0 });
  }
  let tail: number | undefined;
  for await (const line of readLinesBackward(location, { begin: scan.scannedTo, signal })) {
    // The first line out follows the last newline: empty, or a write still in progress.
    if (tail === undefined) {
      tail = line.offset;
      continue;
    }
    if (line.text?.trim() === '') continue;
    if (line.text === undefined || !parseAuditLine(line.text)) scan.corruptLines += 1;
  }
  scan.scannedTo = tail ?? scan.scannedTo;
  return scan.corruptLines;
}

async function writableProblem(directory: string): Promise<string | undefined> {
  try {
    const stat = await fs.promises.stat(directory);
    if (!stat.isDirectory()) return `${path.basename(directory)} is not a directory`;
    await fs.promises.access(directory, fs.constants.W_OK);
    return undefined;
  } catch (error) {
    // Created on the first write: until then what matters is that DATA_DIR takes writes.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return (error as Error).message;
    return fs.promises.access(getConfig().DATA_DIR, fs.constants.W_OK).then(
      () => undefined,
      (accessError: Error) => accessError.message,
    );
  }
}

/** The newest audit file; undefined before the first entry (any other failure fails the check). */
async function currentFile(directory: string): Promise<AuditFile | undefined> {
  try {
    return sortAuditFiles(await fs.promises.readdir(directory))[0];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The audit log's health: `degraded` when its directory or current file cannot be written,
 * the last append failed, or the current file holds corrupt lines (entries lost to a torn
 * write or damage). Each check reads only what was appended since the previous one.
 */
export async function checkAuditLog(signal?: AbortSignal): Promise<HealthComponent> {
  const [problems, latencyMs] = await timed(async () => {
    const directory = auditDirectory();
    const found: string[] = [];
    const notWritable = await writableProblem(directory);
    if (notWritable) found.push(`not writable (${notWritable})`);
    const writeError = lastAuditWriteError();
    if (writeError) found.push(`last write failed at ${writeError.at} (${writeError.message})`);
    const current = notWritable ? undefined : await currentFile(directory);
    if (current) {
      const location = path.join(directory, current.name);
      await fs.promises.access(location, fs.constants.W_OK).catch((error: Error) => {
        found.push(`${current.name} not writable (${error.message})`);
      });
      const corrupt = await scanForCorruptLines(location, signal);
      if (corrupt > 0) found.push(`${corrupt} corrupt line${corrupt === 1 ? '' : 's'} in ${current.name}`);
    }
    return { found, current: current?.name };
  });
  const counting = openAuditAggregates();
  return {
    name: 'audit-log',
    kind: 'audit-log',
    status: problems.found.length > 0 ? 'degraded' : 'healthy',
    latencyMs,
    detail:
      problems.found.length > 0
        ? problems.found.join('; ')
        : `writable: ${problems.current ?? 'no entries yet'}${counting > 0 ? `; ${counting} repeated failures being counted` : ''}`,
  };
}

/** The component when the check itself failed or hung: degraded, since chats still work. */
export function auditLogCheckFailed(detail: string, latencyMs: number): HealthComponent {
  return {
    name: 'audit-log',
    kind: 'audit-log',
    status: 'degraded',
    latencyMs,
    detail: `check failed: ${detail}`,
  };
}
