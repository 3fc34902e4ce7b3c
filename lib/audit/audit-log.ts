import fs from 'node:fs';
import path from 'node:path';
import { getConfig } from '../config';
import { logger } from '../logger';
import { redactForStorage } from '../safety/redact-pii';

export type AuditResult = 'ok' | 'denied' | 'error';

/** One line of the audit log: who did what, to what, when, and how it ended. */
export interface AuditEvent {
  /** ISO time. */
  time: string;
  /** Who: e.g. `admin (session)`, `cli alice@build-host`, `anonymous`. */
  actor: string;
  /** Client address for HTTP actions. */
  ip?: string;
  /** What: a dotted verb such as `admin.login`, `feedback.export`, `ingest.run`. */
  action: string;
  target?: string;
  result: AuditResult;
  /** Small facts about the action (counts, durations, error codes); strings are PII-masked. */
  details?: Record<string, string | number | boolean | null>;
}

/** The audit directory under DATA_DIR. */
export function auditDirectory(): string {
  return path.join(getConfig().DATA_DIR, 'audit');
}

/** One file per UTC month, so old months can be archived or removed as whole files. */
function auditFile(time: Date): string {
  return path.join(auditDirectory(), `audit-${time.toISOString().slice(0, 7)}.jsonl`);
}

function sanitize(details: AuditEvent['details']): AuditEvent['details'] {
  if (!details) return undefined;
  return Object.fromEntries(
    Object.entries(details).map(([key, value]) => [
      key,
      typeof value === 'string' ? redactForStorage(value).slice(0, 500) : value,
    ]),
  );
}

/**
 * Appends an event to the audit log (JSON lines, opened in append mode and never rewritten).
 * Never throws: a full disk must not break the action being audited, so failures are logged
 * as errors instead.
 */
export function appendAudit(event: Omit<AuditEvent, 'time'>, now = new Date()): void {
  const record: AuditEvent = {
    time: now.toISOString(),
    actor: event.actor,
    ip: event.ip,
    action: event.action,
    target: event.target === undefined ? undefined : redactForStorage(event.target),
    result: event.result,
    details: sanitize(event.details),
  };
  try {
    fs.mkdirSync(auditDirectory(), { recursive: true, mode: 0o700 });
    // One small write per event in append mode, so the server and the ingest CLI can both
    // append to the same file without interleaving lines.
    fs.appendFileSync(auditFile(now), `${JSON.stringify(record)}\n`, { flag: 'a', mode: 0o600 });
  } catch (error) {
    logger.error('audit_write_failed', { action: event.action, error });
  }
}

/**
 * The most recent audit events, newest first, across monthly files. Lines that fail to parse
 * (a crash mid-write) are skipped.
 */
export function readAuditEvents(limit = 200): AuditEvent[] {
  let files: string[];
  try {
    files = fs
      .readdirSync(auditDirectory())
      .filter((name) => /^audit-\d{4}-\d{2}\.jsonl$/.test(name))
      .sort()
      .reverse();
  } catch {
    return [];
  }
  const events: AuditEvent[] = [];
  for (const name of files) {
    const lines = fs.readFileSync(path.join(auditDirectory(), name), 'utf8').split('\n').reverse();
    for (const line of lines) {
      if (events.length >= limit) return events;
      const event = parseLine(line);
      if (event) events.push(event);
    }
  }
  return events;
}

function parseLine(line: string): AuditEvent | undefined {
  if (!line.trim()) return undefined;
  try {
    const value = JSON.parse(line) as AuditEvent;
    return typeof value.action === 'string' && typeof value.time === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
