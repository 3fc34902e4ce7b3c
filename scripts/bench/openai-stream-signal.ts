import { isRecord, parseJson, type StreamSignal } from './stream-signal';

/**
 * Interprets one data payload of an OpenAI chat completions stream
 * (`POST /v1/chat/completions`): `choices[0].delta.content` carries the answer, `[DONE]` ends it,
 * an `error` object reports a failure mid-stream.
 */
export function openAIStreamSignal(data: string): StreamSignal {
  if (data === '[DONE]') return { kind: 'done' };
  const chunk = parseJson(data);
  if (!isRecord(chunk)) return { kind: 'error', message: `unreadable stream event: ${data.slice(0, 200)}` };
  if (isRecord(chunk.error)) {
    return { kind: 'error', message: typeof chunk.error.message === 'string' ? chunk.error.message : data };
  }
  const choice = Array.isArray(chunk.choices) ? chunk.choices[0] : undefined;
  if (isRecord(choice) && isRecord(choice.delta)) {
    const content = choice.delta.content;
    if (typeof content === 'string' && content !== '') return { kind: 'text', text: content };
  }
  return { kind: 'other' };
}
