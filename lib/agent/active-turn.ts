import type { PromptMessage } from '../contracts/models';
import type { RouteDecision } from '../contracts/retrieval';
import type { AnswerPromptInput } from '../prompts/answer-prompt';
import type { GenerationProgress } from './generate-answer';
import type { TurnContext } from './retrieve-context';
import type { ClassifiedFailure } from './turn-failure';
import type { TurnStateMachine } from './turn-state-machine';
import type { TurnDependencies, TurnEvent, TurnInput } from './turn-types';

/**
 * A turn in progress, shared by its phases: each phase reads what earlier ones produced,
 * adds its own results and sets `failure` instead of throwing, so the turn always ends
 * (and is recorded) the same way.
 */
export interface ActiveTurn {
  input: TurnInput;
  dependencies: TurnDependencies;
  machine: TurnStateMachine;
  /** Set by the retrieval phase once routing is done (kept when the search then fails). */
  route?: RouteDecision;
  /** Set by the retrieval phase. */
  context?: TurnContext;
  /** The prompt sent to the model (empty until built). */
  messages: PromptMessage[];
  /** What `messages` were built from; their tokens are counted only if the provider reports none. */
  prompt?: AnswerPromptInput;
  generation: GenerationProgress;
  /** Monotonic time the first text was emitted to the client. */
  firstTextAt?: number;
  failure?: ClassifiedFailure;
}

/** One step of a turn: streams its events and records its outcome on the turn. */
export type TurnPhase = (turn: ActiveTurn) => AsyncGenerator<TurnEvent, void>;
