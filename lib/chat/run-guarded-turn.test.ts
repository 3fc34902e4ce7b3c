import { afterEach, describe, expect, it, vi } from 'vitest';
import { createScriptedModel, textSteps } from '@/tests/support/fakes';
import { readUntil } from '@/tests/support/sse';
import { createTurnHarness, turnInput } from '@/tests/support/turn-harness';
import type { TurnEvent } from '../agent/turn-types';
import { inFlightTurns } from '../metrics/in-flight';
import { answerChatCompletion } from './openai-completions';
import { runGuardedTurn } from './run-guarded-turn';
import { streamChatTurn } from './stream-chat-turn';

afterEach(() => vi.restoreAllMocks());

const question = 'How do I cancel a fetch request?';

/** A model that sends a few words and then waits (until its signal aborts). */
const stallingModel = () =>
  createScriptedModel([...textSteps('The first words'), { type: 'wait', ms: 60_000 }]);

async function drain(turn: AsyncGenerator<TurnEvent>): Promise<TurnEvent[]> {
  const events: TurnEvent[] = [];
  for await (const event of turn) events.push(event);
  return events;
}

describe('in-flight turns gauge', () => {
  it('counts a turn from its first step until it ends', async () => {
    const { dependencies, records } = createTurnHarness();
    const turn = runGuardedTurn(turnInput(question), dependencies);
    expect(inFlightTurns()).toBe(0);
    await turn.next();
    expect(inFlightTurns()).toBe(1);
    const second = runGuardedTurn(turnInput(question, { turnId: 'turn-2' }), dependencies);
    await second.next();
    expect(inFlightTurns()).toBe(2);
    await drain(second);
    expect(inFlightTurns()).toBe(1);
    await drain(turn);
    expect(inFlightTurns()).toBe(0);
    expect(records.map((record) => record.status)).toEqual(['ok', 'ok']);
  });

  it('goes back to 0 after a cancelled turn', async () => {
    const controller = new AbortController();
    const answerModel = stallingModel();
    const { dependencies, records } = createTurnHarness({ answerModel });
    const turn = runGuardedTurn(turnInput(question, { signal: controller.signal }), dependencies);
    for (;;) {
      const { value } = await turn.next();
      if (value?.type === 'text') break;
    }
    expect(inFlightTurns()).toBe(1);
    controller.abort();
    await drain(turn);
    expect(records[0].status).toBe('cancelled');
    expect(inFlightTurns()).toBe(0);
  });

  it('goes back to 0 when the consumer stops pulling events, and after a failed turn', async () => {
    const { dependencies } = createTurnHarness();
    const turn = runGuardedTurn(turnInput(question), dependencies);
    await turn.next();
    await turn.return(undefined);
    expect(inFlightTurns()).toBe(0);

    const failing = createTurnHarness({
      answerModel: createScriptedModel([{ type: 'throw', error: new Error('boom') }]),
    });
    const events = await drain(runGuardedTurn(turnInput(question), failing.dependencies));
    expect(events.at(-1)).toMatchObject({ type: 'end', outcome: { status: 'error' } });
    expect(inFlightTurns()).toBe(0);
  });

  it('tracks chat UI turns, including ones the client abandons', async () => {
    const answerModel = stallingModel();
    const { dependencies, records } = createTurnHarness({ answerModel });
    const response = await streamChatTurn(
      { messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text: question }] }] },
      { signal: new AbortController().signal, dependencies },
    );
    let inFlightWhileStreaming = 0;
    await readUntil(response, (text) => {
      inFlightWhileStreaming = inFlightTurns();
      return text.includes('words');
    });
    expect(inFlightWhileStreaming).toBe(1);
    await vi.waitFor(() => expect(records).toHaveLength(1));
    expect(records[0].status).toBe('cancelled');
    await vi.waitFor(() => expect(inFlightTurns()).toBe(0));
  });

  it('tracks OpenAI-compatible turns, streamed (aborted by the request signal) and not', async () => {
    const controller = new AbortController();
    const answerModel = stallingModel();
    const harness = createTurnHarness({ answerModel });
    const messages = [{ role: 'user' as const, content: question }];
    const response = await answerChatCompletion(
      { model: 'm', stream: true, messages },
      { signal: controller.signal, dependencies: harness.dependencies },
    );
    const reading = response.text();
    await vi.waitFor(() => expect(answerModel.requests).toHaveLength(1));
    expect(inFlightTurns()).toBe(1);
    controller.abort();
    await reading;
    await vi.waitFor(() => expect(inFlightTurns()).toBe(0));
    expect(harness.records[0].status).toBe('cancelled');

    const complete = createTurnHarness();
    const answer = await answerChatCompletion(
      { model: 'm', messages },
      { signal: new AbortController().signal, dependencies: complete.dependencies },
    );
    expect(answer.status).toBe(200);
    expect(inFlightTurns()).toBe(0);
  });
});
