export type AuditResult = 'ok' | 'denied' | 'error';

/** One line of the audit log: who did what, to what, when, and how it ended. */
export interface AuditEvent {
  /** ISO time the line was written. */
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
  /**
   * Set on a summary line: how many repeats of the same failure by the same client were
   * folded into it, and the times of the first and last of them (the first occurrence of
   * the failure has its own line before the summary).
   */
  count?: number;
  firstAt?: string;
  lastAt?: string;
}

/** What callers pass to `appendAudit`: the event without its time or summary fields. */
export type AuditEntry = Omit<AuditEvent, 'time' | 'count' | 'firstAt' | 'lastAt'>;
