import type { RetrievedChunk } from './retrieval';

export type ModelProvider = 'openai' | 'local';

export interface PromptMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** What an answer model is asked: the built prompt, plus the structured context it came from. */
export interface AnswerRequest {
  messages: PromptMessage[];
  question: string;
  context: RetrievedChunk[];
  signal: AbortSignal;
  /** True when retrieval found only weakly related passages: say the docs do not cover it. */
  lowConfidence?: boolean;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/** Events an answer stream yields: text, and what happened on the way (for the UI and metrics). */
export type AnswerEvent =
  | { type: 'text'; text: string }
  | { type: 'retry'; attempt: number; delayMs: number; reason: string }
  | { type: 'fallback'; from: string; to: string; reason: string }
  | { type: 'usage'; usage: TokenUsage };

/** A model that streams an answer. Implementations stop promptly when `signal` aborts. */
export interface AnswerModel {
  readonly id: string;
  readonly provider: ModelProvider;
  stream(request: AnswerRequest): AsyncIterable<AnswerEvent>;
}

/** What a JSON model is asked: the prompt, the caller's signal and how long the whole call may take. */
export interface JsonRequest {
  messages: PromptMessage[];
  signal: AbortSignal;
  timeoutMs: number;
}

/**
 * A non-streaming model call in JSON mode (the router's): resolves with the reply text, which
 * should be one JSON object; the caller validates it. Stops when `signal` aborts.
 */
export interface JsonModel {
  readonly id: string;
  complete(request: JsonRequest): Promise<string>;
}
