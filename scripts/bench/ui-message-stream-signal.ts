import { isRecord, parseJson, type StreamSignal } from './stream-signal';

/**
 * Interprets one data payload of the AI SDK UI message stream (`POST /api/chat`): text deltas
 * carry the answer, `data-metrics` says whether it was a cache hit, `error` ends a failed turn.
 */
export function uiMessageStreamSignal(data: string): StreamSignal {
  if (data === '[DONE]') return { kind: 'done' };
  const chunk = parseJson(data);
  if (!isRecord(chunk)) return { kind: 'error', message: `unreadable stream event: ${data.slice(0, 200)}` };
  switch (chunk.type) {
    case 'text-delta':
      return typeof chunk.delta === 'string' && chunk.delta !== ''
        ? { kind: 'text', text: chunk.delta }
        : { kind: 'other' };
    case 'data-metrics':
      return isRecord(chunk.data) && typeof chunk.data.cached === 'boolean'
        ? { kind: 'cached', cached: chunk.data.cached }
        : { kind: 'other' };
    case 'error':
      return {
        kind: 'error',
        message: typeof chunk.errorText === 'string' ? chunk.errorText : 'stream error',
      };
    default:
      return { kind: 'other' };
  }
}
