import { getConfig } from '../config';
import type { AuditEvent } from '../contracts/audit-event';
import { processSingleton } from '../runtime/process-singleton';
import { serializeAuditEvent } from './audit-fields';
import { appendAuditLine, auditDirectory } from './audit-files';

/** Open aggregates kept at once; past it the oldest is written out early to make room. */
export const maxOpenAggregates = 1000;

interface Aggregate {
  /** The first occurrence, already written; the summary repeats its fields. */
  event: AuditEvent;
  client: string;
  count: number;
  firstAt?: string;
  lastAt?: string;
  closesAt: number;
}

interface AggregatorState {
  // Insertion order is opening order, so the first entry is always the next window to close.
  open: Map<string, Aggregate>;
  timer?: NodeJS.Timeout;
  exitHookInstalled: boolean;
}

const state = processSingleton<AggregatorState>('audit-aggregates', () => ({
  open: new Map(),
  exitHookInstalled: false,
}));

function write(event: AuditEvent, now: Date): void {
  appendAuditLine(serializeAuditEvent(event), now);
}

function clientOf(event: AuditEvent): string {
  return event.ip ?? event.actor;
}

// Everything but the time: two failures are "the same" when a reader could not tell them apart.
// The directory is part of it, so a changed DATA_DIR never folds entries into another log.
function keyOf(event: AuditEvent): string {
  const { time: _time, ...identity } = event;
  return `${auditDirectory()}\n${JSON.stringify(identity)}`;
}

function close(key: string, aggregate: Aggregate, now: Date): void {
  state.open.delete(key);
  if (aggregate.count === 0) return;
  write(
    {
      ...aggregate.event,
      time: now.toISOString(),
      count: aggregate.count,
      firstAt: aggregate.firstAt,
      lastAt: aggregate.lastAt,
    },
    now,
  );
}

function closeExpired(now: Date): void {
  for (const [key, aggregate] of state.open) {
    if (aggregate.closesAt > now.getTime()) break;
    close(key, aggregate, now);
  }
}

function schedule(): void {
  if (state.timer) return;
  const next = state.open.values().next();
  if (next.done) return;
  state.timer = setTimeout(
    () => {
      state.timer = undefined;
      closeExpired(new Date());
      schedule();
    },
    Math.max(0, next.value.closesAt - Date.now()),
  );
  // A pending summary must not keep a finished command alive; the exit hook writes it.
  state.timer.unref();
}

function installExitHook(): void {
  if (state.exitHookInstalled) return;
  state.exitHookInstalled = true;
  process.once('exit', () => flushAuditAggregates());
}

/**
 * Writes an event, folding repeated identical failures: the first failure of a kind by a
 * client is written at once, repeats within AUDIT_AGGREGATE_WINDOW_SECONDS are counted, and
 * one summary line (`count`, `firstAt`, `lastAt`) is written when the window closes, when
 * that client does something else, or when the process exits. Successes are always written.
 */
export function writeAggregated(event: AuditEvent, now: Date): void {
  const windowMs = getConfig().AUDIT_AGGREGATE_WINDOW_SECONDS * 1000;
  closeExpired(now);
  const client = clientOf(event);
  const key = keyOf(event);
  const open = state.open.get(key);
  if (open) {
    open.count += 1;
    open.firstAt ??= event.time;
    open.lastAt = event.time;
    return;
  }
  // Summaries of this client's other failures go first, so the log keeps their order.
  for (const [openKey, aggregate] of state.open) {
    if (aggregate.client === client) close(openKey, aggregate, now);
  }
  const folds = event.result !== 'ok' && windowMs > 0;
  if (folds && state.open.size >= maxOpenAggregates) {
    const [oldestKey, oldest] = state.open.entries().next().value as [string, Aggregate];
    close(oldestKey, oldest, now);
  }
  write(event, now);
  if (!folds) return;
  state.open.set(key, { event, client, count: 0, closesAt: now.getTime() + windowMs });
  installExitHook();
  schedule();
}

/** Writes the summary of every open aggregate now (process exit, shutdown, tests). */
export function flushAuditAggregates(now = new Date()): void {
  for (const [key, aggregate] of state.open) close(key, aggregate, now);
  if (state.timer) clearTimeout(state.timer);
  state.timer = undefined;
}

/** How many failures are being counted right now (tests, and the health detail). */
export function openAuditAggregates(): number {
  return state.open.size;
}
