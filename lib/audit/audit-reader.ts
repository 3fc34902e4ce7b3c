import fs from 'node:fs';
import path from 'node:path';
import type { AuditEvent } from '../contracts/audit-event';
import type { AuditPage } from '../contracts/stores';
import { logger } from '../logger';
import { observeAuditCorruptLines } from '../telemetry/prometheus';
import {
  type AuditFile,
  auditDirectory,
  compareNewestFirst,
  parseAuditFileName,
  sortAuditFiles,
} from './audit-files';
import { type FileLine, readLinesBackward, readLinesBackwardSync } from './backward-lines';

/** Where the next page starts: the entries of `file` before byte `offset`, then older files. */
export interface AuditCursor {
  file: AuditFile;
  offset: number;
}

/** The opaque text form of a cursor. */
export function encodeAuditCursor(cursor: AuditCursor): string {
  return Buffer.from(`${cursor.file.name}:${cursor.offset}`).toString('base64url');
}

/** A cursor from its text form; undefined when it does not name an audit file and an offset. */
export function decodeAuditCursor(text: string): AuditCursor | undefined {
  const match = /^([^:/\\]+):(\d{1,15})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  const file = match ? parseAuditFileName(match[1]) : undefined;
  return match && file ? { file, offset: Number(match[2]) } : undefined;
}

/** The event a line holds, or undefined when it is not one (a corrupt line). */
export function parseAuditLine(text: string): AuditEvent | undefined {
  try {
    const value = JSON.parse(text) as Partial<AuditEvent> | null;
    return typeof value?.action === 'string' && typeof value.time === 'string'
      ? (value as AuditEvent)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Collects up to `limit` events from lines fed newest first, counting corrupt ones. */
class PageCollector {
  readonly events: AuditEvent[] = [];
  corruptLines = 0;
  /** Set when the page filled up with lines left over: where the next page starts. */
  cursor?: AuditCursor;
  readonly corruptFiles = new Set<string>();
  private lastTaken?: AuditCursor;

  constructor(private readonly limit: number) {}

  /** False once the page is full: the line is left for the next page. */
  accept(file: AuditFile, line: FileLine): boolean {
    if (line.text !== undefined && line.text.trim() === '') return true;
    if (this.events.length >= this.limit) {
      this.cursor = this.lastTaken;
      return false;
    }
    // The next page reads what lies before the start of the last line this one took.
    this.lastTaken = { file, offset: line.offset };
    const event = line.text === undefined ? undefined : parseAuditLine(line.text);
    if (event) {
      this.events.push(event);
      return true;
    }
    this.corruptLines += 1;
    this.corruptFiles.add(file.name);
    return true;
  }

  /** Logs and counts what was skipped, once for the whole read. */
  report(): void {
    if (this.corruptLines === 0) return;
    logger.warn('audit_corrupt_lines', { count: this.corruptLines, files: [...this.corruptFiles] });
    observeAuditCorruptLines(this.corruptLines);
  }
}

function missing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

async function listFiles(directory: string): Promise<AuditFile[]> {
  try {
    return sortAuditFiles(await fs.promises.readdir(directory));
  } catch (error) {
    if (missing(error)) return [];
    throw error;
  }
}

/**
 * A page of the audit log, newest first, across its files: at most `limit` events before
 * `before` (the previous page's cursor). Files are read from the end in bounded blocks and
 * only as far as the page needs. A cursor into a file deleted since goes on with older files.
 */
export async function readAuditPage(options: {
  limit: number;
  before?: AuditCursor;
  signal?: AbortSignal;
}): Promise<AuditPage> {
  const directory = auditDirectory();
  const before = options.before;
  const files = (await listFiles(directory)).filter(
    (file) => !before || compareNewestFirst(file, before.file) >= 0,
  );
  const collector = new PageCollector(options.limit);
  let full = false;
  for (const file of files) {
    const end = before && compareNewestFirst(file, before.file) === 0 ? before.offset : undefined;
    try {
      for await (const line of readLinesBackward(path.join(directory, file.name), {
        end,
        signal: options.signal,
      })) {
        if (!collector.accept(file, line)) {
          full = true;
          break;
        }
      }
    } catch (error) {
      // Deleted by rotation between listing and reading: its entries are gone, go on.
      if (!missing(error)) throw error;
    }
    if (full) break;
  }
  collector.report();
  return {
    events: collector.events,
    nextCursor: collector.cursor ? encodeAuditCursor(collector.cursor) : null,
    corruptLines: collector.corruptLines,
  };
}

/**
 * The most recent audit events, newest first, read synchronously (scripts and tests; the
 * admin API pages with {@link readAuditPage}). Corrupt lines are skipped, logged and counted.
 */
export function readAuditEvents(limit = 200): AuditEvent[] {
  const directory = auditDirectory();
  let files: AuditFile[];
  try {
    files = sortAuditFiles(fs.readdirSync(directory));
  } catch (error) {
    if (missing(error)) return [];
    throw error;
  }
  const collector = new PageCollector(limit);
  outer: for (const file of files) {
    for (const line of readLinesBackwardSync(path.join(directory, file.name))) {
      if (!collector.accept(file, line)) break outer;
    }
  }
  collector.report();
  return collector.events;
}
