/** Runs agent turns in tests with fakes: corpus retriever, local generator, recorded turns, collected events. */
import { runTurn } from '@/lib/agent/run-turn';
import type { TurnDependencies, TurnEvent, TurnInput } from '@/lib/agent/turn-types';
import { getConfig } from '@/lib/config';
import type { TurnRecord } from '@/lib/contracts/turn-record';
import { createLocalAnswerModel } from '@/lib/models/local-answer-model';
import { createFakeRetriever } from './fakes';

export interface TurnHarness {
  dependencies: TurnDependencies;
  records: TurnRecord[];
}

/**
 * Dependencies for tests: the corpus retriever, the local generator (fast pacing), recorded
 * turns, and TURN_TIMEOUT_MS from the configuration at the time of the call.
 */
export function createTurnHarness(overrides: Partial<TurnDependencies> = {}): TurnHarness {
  const records: TurnRecord[] = [];
  const retriever = createFakeRetriever();
  const dependencies: TurnDependencies = {
    route: retriever.route,
    retrieve: retriever.retrieve,
    listCollections: retriever.listCollections,
    answerModel: createLocalAnswerModel({ maxTokenDelayMs: 0 }),
    recordTurn: (record) => records.push(record),
    now: () => performance.now(),
    contextTokenBudget: 3000,
    turnTimeoutMs: getConfig().TURN_TIMEOUT_MS,
    maxQuestionChars: 4000,
    maxHistoryMessages: 50,
    maxMessageChars: 8000,
    maxHistoryChars: 32_000,
    maxRequestTokens: 16_000,
    storeQuestions: true,
    ...overrides,
  };
  return { dependencies, records };
}

/** A turn input for `question` with sensible defaults. */
export function turnInput(question: string, overrides: Partial<TurnInput> = {}): TurnInput {
  return {
    turnId: 'turn-1',
    endpoint: 'chat',
    question,
    history: [],
    receivedAt: performance.now(),
    startedAt: Date.now(),
    signal: new AbortController().signal,
    ...overrides,
  };
}

/** Runs a turn to the end and returns its events. */
export async function collectTurn(input: TurnInput, dependencies: TurnDependencies): Promise<TurnEvent[]> {
  const events: TurnEvent[] = [];
  for await (const event of runTurn(input, dependencies)) events.push(event);
  return events;
}

/** The answer text of a list of events. */
export function eventText(events: TurnEvent[]): string {
  return events.map((event) => (event.type === 'text' ? event.text : '')).join('');
}
