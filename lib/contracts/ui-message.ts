import type { UIMessage } from 'ai';
import type { RouteDecision } from './retrieval';
import type { TurnStatus } from './turn-record';

/** The agent's state machine: routing -> retrieving -> generating -> done, or failed. */
export type TurnState = 'routing' | 'retrieving' | 'generating' | 'done' | 'failed';

/** A numbered source, as cited in the answer text by `[n]`. */
export interface SourcePart {
  index: number;
  collection: string;
  source: string;
  title: string;
  heading: string;
  score: number;
  text: string;
  /** Headings of the page's sections in `text`, best first (one source per page). */
  sections?: string[];
  /** The original page and section, when the collection has a base URL. */
  url?: string;
}

/** Per-answer stats shown under the message and compared with the dashboard. */
export interface TurnMetricsPart {
  turnId: string;
  model: string;
  provider: 'openai' | 'local' | 'cache';
  cached: boolean;
  fallbackUsed: boolean;
  retries: number;
  status: TurnStatus;
  ttftMs: number;
  latencyMs: number;
  outputTokens: number;
  tokensPerSecond: number;
  promptVersion: string;
}

/** Typed data parts streamed beside the text (sent as `data-<name>` parts). */
export type ChatDataParts = {
  status: { state: TurnState; message: string; collections?: string[]; reason?: string };
  route: RouteDecision;
  sources: { sources: SourcePart[]; lowConfidence: boolean };
  metrics: TurnMetricsPart;
  notice: { kind: 'retry' | 'fallback' | 'interrupted' | 'error'; message: string; code?: string };
};

export type ChatMessageMetadata = { turnId?: string; createdAt?: number };

export type ChatMessage = UIMessage<ChatMessageMetadata, ChatDataParts>;
