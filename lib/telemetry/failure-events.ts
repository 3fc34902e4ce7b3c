import { getConfig } from '../config';
import { logger } from '../logger';
import { processSingleton } from '../runtime/process-singleton';

/**
 * Failures that used to vanish: each is logged, counted (docs_chat_failures_total) and, while
 * recent (FAILURE_RECENT_MS), shown as degraded health.
 */
export type FailureEventKind =
  | 'collection_unreadable'
  | 'collections_directory_unreadable'
  | 'metrics_record_dropped'
  | 'metrics_write_failed'
  | 'turn_interrupted_by_restart';

interface FailureTally {
  total: number;
  lastAt: number;
  /** What failed (a collection name, a turn id), most recent last; bounded. */
  subjects: string[];
  lastReason: string;
}

const maxSubjects = 20;

const tallies = processSingleton('failure-events', () => new Map<FailureEventKind, FailureTally>());

function reasonOf(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `${code}: ${error.message}` : error.message;
  }
  return error === undefined ? '' : String(error);
}

/**
 * Logs one failure as an error event named after its kind, counts it and remembers when it
 * happened and to what. `count` is for one report covering several items (turns closed at
 * start-up).
 */
export function reportFailure(
  kind: FailureEventKind,
  details: { subject?: string; error?: unknown; count?: number; now?: number } = {},
): void {
  const now = details.now ?? Date.now();
  const count = details.count ?? 1;
  const reason = reasonOf(details.error);
  logger.error(kind, { subject: details.subject, count, error: details.error });
  const tally = tallies.get(kind) ?? { total: 0, lastAt: 0, subjects: [], lastReason: '' };
  tally.total += count;
  tally.lastAt = now;
  tally.lastReason = reason;
  if (details.subject !== undefined) {
    tally.subjects = [...tally.subjects.filter((subject) => subject !== details.subject), details.subject];
    tally.subjects = tally.subjects.slice(-maxSubjects);
  }
  tallies.set(kind, tally);
}

/** The failures of `kind` if the last one is within FAILURE_RECENT_MS of `now`, else undefined. */
export function recentFailure(kind: FailureEventKind, now = Date.now()): FailureTally | undefined {
  const tally = tallies.get(kind);
  if (!tally || now - tally.lastAt > getConfig().FAILURE_RECENT_MS) return undefined;
  return tally;
}

/** Every kind's count since the process started, for the Prometheus counter. */
export function failureTotals(): [FailureEventKind, number][] {
  return [...tallies].map(([kind, tally]) => [kind, tally.total]);
}

/** Forgets every failure (tests). */
export function resetFailureEvents(): void {
  tallies.clear();
}
