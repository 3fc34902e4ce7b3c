import type { AnswerEvent, AnswerModel, AnswerRequest } from '@/lib/contracts/models';

/** A turn in progress: events arrive in `events` as they stream; `settled` never rejects. */
export interface CollectedAnswer {
  events: AnswerEvent[];
  text: () => string;
  settled: Promise<{ text: string; events: AnswerEvent[]; error?: unknown }>;
}

/** A minimal answer request for `question`, cancellable through `signal`. */
export function answerRequest(
  question = 'How do decorators work?',
  signal = new AbortController().signal,
): AnswerRequest {
  return {
    messages: [
      { role: 'system', content: 'Answer from the documentation and cite sources as [n].' },
      { role: 'user', content: question },
    ],
    question,
    context: [],
    signal,
  };
}

/** Starts streaming `model` and records every event, so tests can inspect a turn mid-flight. */
export function collectAnswer(model: AnswerModel, request: AnswerRequest = answerRequest()): CollectedAnswer {
  const events: AnswerEvent[] = [];
  const text = () => events.map((event) => (event.type === 'text' ? event.text : '')).join('');
  const settled = (async () => {
    try {
      for await (const event of model.stream(request)) events.push(event);
      return { text: text(), events };
    } catch (error) {
      return { text: text(), events, error };
    }
  })();
  return { events, text, settled };
}

/** An in-process stand-in for the embedded local generator: answers at once, never fails. */
export function fakeLocalModel(answer = 'Local answer from the docs [1].'): AnswerModel {
  return {
    id: 'local-test',
    provider: 'local',
    async *stream(request) {
      for (const token of answer.match(/\S+\s*/g) ?? []) {
        request.signal.throwIfAborted();
        yield { type: 'text', text: token };
      }
    },
  };
}
