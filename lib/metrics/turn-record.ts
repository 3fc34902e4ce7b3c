import type { ModelProvider } from '../models/types';

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
