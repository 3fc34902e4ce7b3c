import fs from 'node:fs';
import path from 'node:path';
import { getConfig } from '../config';
import { logger } from '../logger';
import { processSingleton } from '../runtime/process-singleton';

/**
 * One audit file: `audit-YYYY-MM.jsonl` is a month's first file, `audit-YYYY-MM.N.jsonl` the
 * N-th started when the previous one reached AUDIT_MAX_FILE_BYTES. Files are only ever
 * appended to, created and deleted, never renamed, so a read cursor into one stays valid.
 */
export interface AuditFile {
  name: string;
  month: string;
  sequence: number;
}

const fileNamePattern = /^audit-(\d{4}-\d{2})(?:\.(\d{1,6}))?\.jsonl$/;

/** The audit directory under DATA_DIR. */
export function auditDirectory(): string {
  return path.join(getConfig().DATA_DIR, 'audit');
}

/** The file a name stands for, or undefined for anything that is not an audit file name. */
export function parseAuditFileName(name: string): AuditFile | undefined {
  const match = fileNamePattern.exec(name);
  if (!match) return undefined;
  return { name, month: match[1], sequence: match[2] === undefined ? 0 : Number(match[2]) };
}

function auditFile(month: string, sequence: number): AuditFile {
  return {
    name: sequence === 0 ? `audit-${month}.jsonl` : `audit-${month}.${sequence}.jsonl`,
    month,
    sequence,
  };
}

/** Negative when `left` holds newer entries than `right`: later month first, then later sequence. */
export function compareNewestFirst(left: AuditFile, right: AuditFile): number {
  if (left.month !== right.month) return left.month < right.month ? 1 : -1;
  return right.sequence - left.sequence;
}

/** The audit files in `names`, newest first. */
export function sortAuditFiles(names: string[]): AuditFile[] {
  return names
    .map(parseAuditFileName)
    .filter((file): file is AuditFile => file !== undefined)
    .sort(compareNewestFirst);
}

function listAuditFiles(directory: string): AuditFile[] {
  return sortAuditFiles(fs.readdirSync(directory));
}

interface WriterState {
  /** Where this process last wrote, so most appends need one stat and no directory listing. */
  current?: { directory: string; file: AuditFile };
  /** Files whose last byte this process has checked (a torn line from a crash gets a newline). */
  checkedEnds: Set<string>;
  lastError?: { message: string; at: string };
}

const writer = processSingleton<WriterState>('audit-writer', () => ({ checkedEnds: new Set() }));

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

function endsWithNewline(file: string, size: number): boolean {
  const descriptor = fs.openSync(file, 'r');
  try {
    const last = Buffer.alloc(1);
    fs.readSync(descriptor, last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    fs.closeSync(descriptor);
  }
}

/** The file to append `bytes` to this month: the newest one, or a new one when it is full. */
function fileFor(directory: string, month: string, bytes: number): { file: AuditFile; size: number } {
  const maxBytes = getConfig().AUDIT_MAX_FILE_BYTES;
  const remembered = writer.current;
  if (remembered?.directory === directory && remembered.file.month === month) {
    const size = sizeOf(path.join(directory, remembered.file.name));
    if (size === 0 || size + bytes <= maxBytes) return { file: remembered.file, size };
  }
  // Another process (the ingest command) may have started a newer file: look before adding one.
  const newest = listAuditFiles(directory).find((file) => file.month === month) ?? auditFile(month, 0);
  const size = sizeOf(path.join(directory, newest.name));
  if (size === 0 || size + bytes <= maxBytes) return { file: newest, size };
  return { file: auditFile(month, newest.sequence + 1), size: 0 };
}

/** Deletes the oldest files beyond the newest one plus AUDIT_MAX_FILES, bounding the log's total size. */
function pruneAuditFiles(directory: string): void {
  const keep = getConfig().AUDIT_MAX_FILES + 1;
  for (const file of listAuditFiles(directory).slice(keep)) {
    fs.rmSync(path.join(directory, file.name), { force: true });
    writer.checkedEnds.delete(path.join(directory, file.name));
    logger.info('audit_file_deleted', { file: file.name, reason: 'AUDIT_MAX_FILES' });
  }
}

/**
 * Appends one line to the current audit file, starting a new file when it would pass
 * AUDIT_MAX_FILE_BYTES and deleting the oldest beyond AUDIT_MAX_FILES. One small write per
 * line in append mode, so the server and the ingest command can share the directory.
 * Never throws: a full disk must not break the action being audited, so a failure is logged
 * and kept for the health check.
 */
export function appendAuditLine(line: string, now: Date): void {
  const directory = auditDirectory();
  try {
    // Not recursive: DATA_DIR exists once the configuration is valid, and a deleted one must
    // not be re-created by a late write.
    fs.mkdirSync(directory, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      recordWriteError(error);
      return;
    }
  }
  try {
    const bytes = Buffer.byteLength(line) + 1;
    const { file, size } = fileFor(directory, now.toISOString().slice(0, 7), bytes);
    const location = path.join(directory, file.name);
    let text = `${line}\n`;
    if (size > 0 && !writer.checkedEnds.has(location) && !endsWithNewline(location, size)) text = `\n${text}`;
    fs.appendFileSync(location, text, { flag: 'a', mode: 0o600 });
    writer.checkedEnds.add(location);
    writer.current = { directory, file };
    writer.lastError = undefined;
    if (size === 0) pruneAuditFiles(directory);
  } catch (error) {
    recordWriteError(error);
  }
}

function recordWriteError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  writer.lastError = { message, at: new Date().toISOString() };
  logger.error('audit_write_failed', { error });
}

/** The last append failure of this process, cleared by the next successful append. */
export function lastAuditWriteError(): { message: string; at: string } | undefined {
  return writer.lastError;
}
