import type { RouteDecision } from '../contracts/retrieval';
import type { TurnRecord } from '../contracts/turn-record';
import type { SourcePart } from '../contracts/ui-message';
import { logger } from '../logger';
import type { ContextPassage } from '../prompts/context-builder';
import { splitIntoDeltas } from './split-deltas';
import { buildTurnRecord, toMetricsPart } from './turn-metrics';
import { TurnStateMachine } from './turn-state-machine';
import type { TurnDependencies, TurnEvent, TurnInput } from './turn-types';

/** An answer kept from an earlier turn: enough to replay it without the model. */
export interface StoredAnswer {
  text: string;
  sources: SourcePart[];
  lowConfidence: boolean;
  route: RouteDecision;
  /** The collections the answer drew on. */
  collections: string[];
  model: string;
  outputTokens: number;
}

/** Stored sources as context passages, so the turn record lists them like a generated answer's. */
function passagesOf(sources: SourcePart[]): ContextPassage[] {
  return sources.map((source) => ({
    index: source.index,
    chunk: {
      id: `${source.collection}:${source.source}#${source.index}`,
      collection: source.collection,
      source: source.source,
      title: source.title,
      heading: source.heading,
      text: source.text,
      score: source.score,
    },
    text: source.text,
    truncated: false,
    tokens: 0,
  }));
}

/**
 * Replays a stored answer (route, sources, text) through the same state machine as a
 * generated one, so its events, metrics and record have the same shape; the record says
 * `cacheHit` with provider `cache` and no cost. A client that leaves during the replay gets
 * a `cancelled` record, like any other turn.
 */
export async function* replayStoredAnswer(
  input: TurnInput,
  dependencies: TurnDependencies,
  answer: StoredAnswer,
): AsyncGenerator<TurnEvent> {
  const { now } = dependencies;
  const machine = new TurnStateMachine(now, input.receivedAt);
  const progress = {
    model: answer.model,
    provider: 'openai' as const,
    text: '',
    // The stored count stands: re-encoding a long answer (a CJK run costs milliseconds per
    // thousand characters) would block the loop for every hit and change nothing.
    usage: { inputTokens: 0, outputTokens: answer.outputTokens },
    retries: 0,
    fallbackUsed: false,
  };
  let firstTextAt: number | undefined;
  let recorded = false;
  const finish = (status: TurnRecord['status']): TurnRecord => {
    recorded = true;
    const record: TurnRecord = {
      ...buildTurnRecord({
        input,
        status,
        machine,
        route: answer.route,
        passages: passagesOf(answer.sources),
        progress,
        firstTextAt,
        endedAt: now(),
        storeQuestions: dependencies.storeQuestions,
      }),
      provider: 'cache',
      cacheHit: true,
      inputTokens: 0,
      outputTokens: status === 'ok' ? answer.outputTokens : 0,
      tokensPerSecond: 0,
      costUsd: 0,
    };
    try {
      dependencies.recordTurn(record);
    } catch (error) {
      logger.error('turn_record_failed', { turnId: input.turnId, error });
    }
    return record;
  };

  try {
    yield { type: 'status', status: machine.status('Choosing where to search…') };
    yield { type: 'status', status: machine.transition('retrieving', 'Found this answer in the cache…') };
    yield { type: 'route', route: answer.route };
    yield { type: 'sources', sources: { sources: answer.sources, lowConfidence: answer.lowConfidence } };
    yield {
      type: 'status',
      status: machine.transition('generating', 'Replaying the cached answer…', {
        collections: answer.collections,
      }),
    };
    for (const delta of splitIntoDeltas(answer.text)) {
      firstTextAt ??= now();
      progress.text += delta;
      yield { type: 'text', text: delta };
    }
    yield { type: 'status', status: machine.transition('done', 'Done (from the cache)') };
    const record = finish('ok');
    logger.info('cache_hit', { turnId: input.turnId, model: answer.model, ttftMs: record.ttftMs });
    yield { type: 'metrics', metrics: toMetricsPart(record) };
    yield { type: 'end', outcome: { status: 'ok', record } };
  } finally {
    // The client left during the replay: record the turn as cancelled, like any other.
    if (!recorded) finish('cancelled');
  }
}
