import type { ModelProvider } from './models';

/**
 * How a turn ended. `in_progress` is a stored turn that has not ended yet; one whose process
 * died before it ended becomes `interrupted` (error code `server_restarted`).
 */
export type TurnStatus =
  | 'ok'
  | 'error'
  | 'timeout'
  | 'rate_limited'
  | 'cancelled'
  | 'interrupted'
  | 'in_progress';

export interface TurnSourceSummary {
  collection: string;
  source: string;
  title: string;
  heading: string;
  score: number;
}

/** Everything recorded about one chat turn. Times are milliseconds. */
export interface TurnRecord {
  id: string;
  startedAt: number;
  endpoint: 'chat' | 'openai';
  collections: string[];
  routeReason: string;
  pinned: boolean;
  model: string;
  provider: ModelProvider | 'cache';
  promptVersion: string;
  status: TurnStatus;
  errorCode?: string;
  errorMessage?: string;
  retries: number;
  fallbackUsed: boolean;
  cacheHit: boolean;
  /** From the request arriving to the route chosen: standalone query, then the router. */
  routingMs: number;
  /** Searching the routed collection(s) and fitting the passages into the prompt budget. */
  retrievalMs: number;
  /** From the model request to its first token; undefined when no token came. */
  modelFirstTokenMs?: number;
  /** From the request arriving to the first token sent to the client; undefined when none was sent. */
  ttftMs?: number;
  latencyMs: number;
  inputTokens: number;
  outputTokens: number;
  /** Output tokens over the streaming time after the first token; undefined without such a time. */
  tokensPerSecond?: number;
  costUsd: number;
  /** Redacted question text, or undefined when STORE_QUESTIONS=off. */
  question?: string;
  sources: TurnSourceSummary[];
}

/** The route key of a turn: its collections, sorted, joined by `+`; `(none)` before routing. */
export function routeKey(collections: readonly string[]): string {
  return collections.length ? [...collections].sort().join('+') : '(none)';
}

/** True when the turn sent a first token to the client, so its TTFT means something. */
export function hasFirstToken(sample: {
  ttftMs?: number | null;
  outputTokens: number;
  status: TurnStatus;
}): boolean {
  return (sample.ttftMs ?? 0) > 0 && (sample.outputTokens > 0 || sample.status === 'ok');
}
