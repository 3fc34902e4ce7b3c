import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { getConfig } from '../config';
import { processSingleton } from '../runtime/process-singleton';
import { reportFailure } from '../telemetry/failure-events';

/** This process as the owner of the turns it starts: its pid (to tell whether it lives) and a nonce. */
const owner = processSingleton('metrics-turn-owner', () => `${process.pid}:${randomUUID()}`);

// Nothing runs longer than its turn deadline: past this margin an in-progress row is stale
// even if its pid now belongs to some unrelated, living process.
const staleMarginMs = 60_000;

/** The owner tag written on this process's `in_progress` rows. */
export function turnOwner(): string {
  return owner;
}

function processIsGone(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** True when no living process can still finish the row: it is another process's and that one is gone or long overdue. */
function isAbandoned(row: { owner: string | null; started_at: number }, now: number): boolean {
  if (row.owner === owner) return false;
  const pid = Number(row.owner?.split(':')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return true;
  return processIsGone(pid) || row.started_at < now - getConfig().TURN_TIMEOUT_MS - staleMarginMs;
}

/**
 * Run when the metrics database is opened: turns left `in_progress` by a process that died
 * (killed, crashed, restarted) become `interrupted` with error code `server_restarted`, so they
 * count in the error rate instead of vanishing. Rows of another living process (the server
 * while a CLI opens the same file) are left alone. Returns how many were closed.
 */
export function closeUnfinishedTurns(database: Database.Database, now: number): number {
  const rows = database
    .prepare(`SELECT id, owner, started_at FROM turns WHERE status = 'in_progress'`)
    .all() as { id: string; owner: string | null; started_at: number }[];
  const abandoned = rows.filter((row) => isAbandoned(row, now));
  if (abandoned.length === 0) return 0;
  const close = database.prepare(
    `UPDATE turns SET status = 'interrupted', error_code = 'server_restarted',
       error_message = 'The server stopped before this turn finished.', recorded_at = ?, owner = NULL
     WHERE id = ? AND status = 'in_progress'`,
  );
  database.transaction(() => {
    for (const row of abandoned) close.run(now, row.id);
  })();
  reportFailure('turn_interrupted_by_restart', {
    count: abandoned.length,
    subject: abandoned[abandoned.length - 1].id,
    now,
  });
  return abandoned.length;
}
