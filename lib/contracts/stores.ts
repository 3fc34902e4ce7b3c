import type { AuditEntry, AuditEvent } from './audit-event';
import type { AlertEvent, FeedbackRating, StoredTurn, TurnFeedback, TurnSample } from './dashboard';
import type { ModelProvider } from './models';
import type { RouteDecision } from './retrieval';
import type { TurnRecord } from './turn-record';
import type { SourcePart } from './ui-message';

/*
 * Every piece of state the app keeps, as an interface. Each has an embedded implementation
 * today (memory, SQLite or files, named on each interface); a distributed one (Redis,
 * PostgreSQL) implements the same interface so several replicas share the state. Reads that
 * a distributed store answers over the network return promises; writes on the turn's hot path
 * (turn start and record, audit lines) return nothing and may be written behind.
 */

/** A bucket's shape: it holds up to `capacity` tokens and gains `refillPerSecond` continuously. */
export interface TokenBucketPolicy {
  capacity: number;
  refillPerSecond: number;
}

/** Allowed, or refused with the whole milliseconds until one token is back. */
export type TakeDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Client limits: per-client token buckets. `take` must refill and take atomically, so
 * concurrent requests of one client never spend the same token twice. Embedded:
 * resilience/token-bucket-store (a bounded Map). A Redis store implements `take` as one Lua
 * script (EVALSHA), which Redis runs atomically: read the bucket's hash (`HMGET key tokens
 * updatedAt`), take the time from `redis.call('TIME')` (one clock for every instance), refill
 * and take exactly like resilience/token-bucket's `takeToken`, write it back (`HSET`), set
 * `PEXPIRE key` to the time until the bucket is full again (a full bucket is the same as none,
 * so idle clients vanish), and return allowed plus the retry-after in ms.
 */
export interface TokenBucketStore {
  take(key: string, policy: TokenBucketPolicy): Promise<TakeDecision>;
}

/**
 * Upstream limits: the provider's requests-per-minute quota, shared by every caller.
 * Embedded: resilience/upstream-limiter (rate-limiter-flexible's queue in memory).
 */
export interface UpstreamLimiter {
  /** Resolves when a request may go out; throws AppError 'overloaded' when the queue is full. */
  acquire(signal: AbortSignal): Promise<void>;
}

/** A complete answer as the cache keeps it, enough to replay the turn without the model. */
export interface CachedAnswer {
  text: string;
  sources: SourcePart[];
  lowConfidence: boolean;
  route: RouteDecision;
  /** The collections the key was built from; invalidation by collection matches on these. */
  collections: string[];
  model: string;
  promptVersion: string;
  outputTokens: number;
  /** Epoch ms when the answer was generated. */
  createdAt: number;
}

/** Response cache entries. Embedded: cache/memory-cache-store (an LRU in memory). */
export interface CacheStore {
  get(key: string): Promise<CachedAnswer | undefined>;
  /** Stores `answer` for `ttlMs` milliseconds (always > 0). */
  set(key: string, answer: CachedAnswer, ttlMs: number): Promise<void>;
  /** Removes every entry built from `collection`; returns how many were removed. */
  deleteByCollection(collection: string): Promise<number>;
  clear(): Promise<void>;
  size(): Promise<number>;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

/** Breaker state: a circuit breaker for one upstream. Embedded: resilience/circuit-breakers (cockatiel). */
export interface UpstreamBreaker {
  readonly name: string;
  state(): BreakerState;
  /**
   * Runs `operation` while the circuit is closed (or as the one half-open trial). While it is
   * open, throws AppError 'circuit_open' at once, with the remaining cool-down as Retry-After.
   */
  execute<T>(operation: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<T>;
}

export interface BreakerOptions {
  failures: number;
  cooldownMs: number;
}

/** Makes the breaker for one upstream; a shared implementation keeps its state where replicas see it. */
export type BreakerFactory = (name: string, options: BreakerOptions) => UpstreamBreaker;

/** What is known about a turn when it starts. */
export interface TurnStart {
  id: string;
  startedAt: number;
  endpoint: TurnRecord['endpoint'];
  /** A collection pinned by the user; the router has not chosen yet. */
  collection?: string;
  model: string;
  provider: ModelProvider;
}

export interface TurnFilter {
  from: number;
  to: number;
  status?: string;
  route?: string;
  model?: string;
  rating?: FeedbackRating;
  limit: number;
}

/** The distinct values seen in a window, for the dashboard's filter menus. */
export interface TurnFilterOptions {
  statuses: string[];
  routes: string[];
  models: string[];
}

/** How the finished turns started in a window went: what the alert rules read. */
export interface TurnWindowStats {
  /** Finished turns, cancelled ones included. */
  turns: number;
  cancelled: number;
  ok: number;
  /** Turns whose status counts as an error (metrics/aggregate's failedStatuses). */
  failed: number;
  /** p95 latency of the finished turns that were not cancelled; null for none. */
  p95LatencyMs: number | null;
}

/** Turns and their metrics. Embedded: metrics/sqlite-turn-store (SQLite, written behind). */
export interface TurnStore {
  /** Stores the turn as in progress; never throws (a failed write is logged and counted). */
  recordStart(start: TurnStart): void;
  /** Stores the turn's final record, replacing its start. */
  record(record: TurnRecord): void;
  samples(from: number, to: number): Promise<TurnSample[]>;
  /** Counts and p95 latency of the finished turns started in [from, to), computed where they are stored. */
  windowStats(from: number, to: number): Promise<TurnWindowStats>;
  list(filter: TurnFilter): Promise<StoredTurn[]>;
  get(id: string): Promise<StoredTurn | undefined>;
  filterOptions(from: number, to: number): Promise<TurnFilterOptions>;
  /** What turns started since `from` cost in total (USD). */
  costSince(from: number): Promise<number>;
  /** Deletes turns started before `before` with their feedback; returns how many went. */
  prune(before: number): Promise<number>;
}

/** A user's rating of one answer. */
export interface FeedbackInput {
  turnId: string;
  rating: FeedbackRating;
  comment?: string;
}

/** Ratings of answers. Embedded: metrics/feedback-store (SQLite, beside the turns). */
export interface FeedbackStore {
  /** Stores (or replaces) a rating; throws AppError 'not_found' for a turn never recorded. */
  save(feedback: FeedbackInput, now: number): Promise<TurnFeedback & { turnId: string }>;
}

/** A firing alert as the rules see it: the stored event without its id and times. */
export type AlertState = Omit<AlertEvent, 'id' | 'firedAt' | 'resolvedAt'>;

/** Alerts, firing and resolved. Embedded: alerts/alert-store (SQLite). */
export interface AlertStore {
  listActive(): Promise<AlertEvent[]>;
  listHistory(limit: number): Promise<AlertEvent[]>;
  /** Records a newly firing alert; returns its id. */
  insert(state: AlertState, firedAt: number): Promise<number>;
  update(id: number, state: AlertState): Promise<void>;
  resolve(id: number, resolvedAt: number): Promise<void>;
  prune(before: number): Promise<number>;
}

/** One page of the audit log, newest first. */
export interface AuditPage {
  events: AuditEvent[];
  /** Pass as `before` for the next (older) page; null when there is nothing older. */
  nextCursor: string | null;
  /** Lines skipped on this page because they were not audit events (torn writes, damage). */
  corruptLines: number;
}

/** The audit log. Embedded: audit/file-audit-log (daily JSON-lines files). */
export interface AuditLog {
  /** Appends one event; never throws (a failed write is logged, counted and shown by health). */
  append(entry: AuditEntry, now?: Date): void;
  /** At most `limit` events older than the cursor `before` (opaque text from the last page). */
  readPage(options: { limit: number; before?: string; signal?: AbortSignal }): Promise<AuditPage>;
}

/** A collection's active index: its version id and where its files are. */
export interface ActiveIndexVersion {
  directory: string;
  indexVersion: string;
}

/**
 * Collections and their index versions. Embedded: retrieval/file-collection-store (a
 * directory per version, a symlink naming the active one).
 */
export interface CollectionStore {
  /** Names of the collections that have an index, sorted. */
  listNames(): Promise<string[]>;
  /** The active version of `name`, or undefined when it has none. */
  activeVersion(name: string): Promise<ActiveIndexVersion | undefined>;
  /** Makes a complete version the active one, atomically for every reader. */
  publish(name: string, versionDirectory: string): Promise<void>;
}
