import type { ConversationTurn } from '../contracts/conversation';
import type { AnswerModel } from '../contracts/models';
import type { CollectionInfo, RetrievalResult, RouteDecision } from '../contracts/retrieval';
import type { TurnStart } from '../contracts/stores';
import type { TurnRecord, TurnStatus } from '../contracts/turn-record';
import type { ChatDataParts, TurnMetricsPart } from '../contracts/ui-message';
import type { AppError } from '../errors';

/** One validated turn, whatever endpoint it came from. */
export interface TurnInput {
  turnId: string;
  endpoint: TurnRecord['endpoint'];
  question: string;
  history: ConversationTurn[];
  /** A collection pinned by the user; undefined lets the router choose. */
  collection?: string;
  /** Monotonic time (the dependencies' `now`) when the request arrived. */
  receivedAt: number;
  /** Wall-clock time when the request arrived (epoch ms). */
  startedAt: number;
  /** Aborts when the client goes away or presses Stop, and at the turn deadline (TURN_TIMEOUT_MS). */
  signal: AbortSignal;
}

/** How a turn ended. */
export interface TurnOutcome {
  status: TurnStatus;
  /** Set for every status but `ok`. */
  error?: AppError;
  record: TurnRecord;
}

/**
 * What a running turn emits, independent of the wire format: the chat UI stream and the
 * OpenAI-compatible endpoint each translate these.
 */
export type TurnEvent =
  | { type: 'status'; status: ChatDataParts['status'] }
  | { type: 'route'; route: RouteDecision }
  | { type: 'sources'; sources: ChatDataParts['sources'] }
  | { type: 'text'; text: string }
  | { type: 'notice'; notice: ChatDataParts['notice'] }
  | { type: 'metrics'; metrics: TurnMetricsPart }
  | { type: 'end'; outcome: TurnOutcome };

export interface RouteParams {
  query: string;
  /** A collection pinned by the user: no routing, only a check that it exists. */
  collection?: string;
  signal?: AbortSignal;
}

export interface RetrieveParams {
  query: string;
  collection?: string;
  k?: number;
  signal?: AbortSignal;
  /** The decision of {@link TurnDependencies.route} for this query: only the search runs. */
  route?: RouteDecision;
}

/** Everything a turn needs from the outside; tests pass fakes, the app the real ones. */
export interface TurnDependencies {
  /** Chooses the collection(s) to search (the `routing` step). */
  route(params: RouteParams): Promise<RouteDecision>;
  /** Searches; given a `route`, only the search runs (the `retrieving` step). */
  retrieve(params: RetrieveParams): Promise<RetrievalResult>;
  listCollections(): Promise<CollectionInfo[]>;
  answerModel: AnswerModel;
  /** Set only when follow-ups may be rewritten by a model (QUERY_REWRITE=llm with a remote model). */
  rewriteModel?: AnswerModel;
  recordTurn(record: TurnRecord): void;
  /** Stores the turn as in progress when it starts (recordTurn closes it); absent, only the end is recorded. */
  recordTurnStart?(start: TurnStart): void;
  /** Monotonic milliseconds. */
  now(): number;
  contextTokenBudget: number;
  /** TURN_TIMEOUT_MS: the whole turn (routing, retrieval, generation) from the request's arrival. */
  turnTimeoutMs: number;
  maxQuestionChars: number;
  maxHistoryMessages: number;
  /** MAX_MESSAGE_CHARS: one earlier message. */
  maxMessageChars: number;
  /** MAX_HISTORY_CHARS: all earlier messages together. */
  maxHistoryChars: number;
  /** MAX_REQUEST_TOKENS: question and earlier messages, in the answer model's encoding. */
  maxRequestTokens: number;
  /** Keep the question text in the turn record (STORE_QUESTIONS). */
  storeQuestions: boolean;
  /**
   * Steps composed around the agent, outermost first (the budgets, then the response cache;
   * see lib/chat/turn-dependencies); absent, the agent runs alone.
   */
  middlewares?: readonly TurnMiddleware[];
}

/** Runs one turn: the agent itself (lib/agent/run-turn), or the agent inside middlewares. */
export type TurnHandler = (input: TurnInput, dependencies: TurnDependencies) => AsyncGenerator<TurnEvent>;

/**
 * One step around a turn (the response cache, the budgets, the in-flight guard): it may
 * answer by itself, change the input or the dependencies it passes on, or watch the events
 * `next` yields. Capabilities implement this type; they never see the agent's internals.
 */
export type TurnMiddleware = (
  input: TurnInput,
  dependencies: TurnDependencies,
  next: TurnHandler,
) => AsyncGenerator<TurnEvent>;
