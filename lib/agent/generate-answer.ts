import type { AnswerModel, AnswerRequest, ModelProvider, TokenUsage } from '../contracts/models';
import type { TurnEvent } from './turn-types';

/** What streaming an answer produced, for the turn record; filled in even when it fails. */
export interface GenerationProgress {
  model: string;
  provider: ModelProvider;
  text: string;
  /** Monotonic times; undefined until the model started / sent its first token. */
  startedAt?: number;
  firstTokenAt?: number;
  lastTokenAt?: number;
  usage?: TokenUsage;
  retries: number;
  fallbackUsed: boolean;
}

/** A fresh progress record for `model`. */
export function startProgress(model: AnswerModel): GenerationProgress {
  return { model: model.id, provider: model.provider, text: '', retries: 0, fallbackUsed: false };
}

/**
 * Streams the model's answer as turn events: text as it arrives, and a notice for every retry
 * or fallback the resilience layer reports. `progress` is updated in place so the caller still
 * knows what happened when the stream throws (interrupted, cancelled, timed out).
 */
export async function* generateAnswer(
  model: AnswerModel,
  request: AnswerRequest,
  progress: GenerationProgress,
  now: () => number,
  isLocalModel: (modelId: string) => boolean,
): AsyncGenerator<TurnEvent, void> {
  progress.startedAt = now();
  for await (const event of model.stream(request)) {
    switch (event.type) {
      case 'text': {
        if (!event.text) break;
        const time = now();
        progress.firstTokenAt ??= time;
        progress.lastTokenAt = time;
        progress.text += event.text;
        yield { type: 'text', text: event.text };
        break;
      }
      case 'retry':
        progress.retries += 1;
        yield {
          type: 'notice',
          notice: {
            kind: 'retry',
            message: `The model request failed (${event.reason}); retrying in ${formatDelay(event.delayMs)} (attempt ${event.attempt}).`,
          },
        };
        break;
      case 'fallback':
        progress.fallbackUsed = true;
        progress.model = event.to;
        progress.provider = isLocalModel(event.to) ? 'local' : 'openai';
        yield {
          type: 'notice',
          notice: {
            kind: 'fallback',
            message: `Answered by ${event.to} instead of ${event.from} (${event.reason}).`,
          },
        };
        break;
      case 'usage':
        // Providers report running or final totals; the largest seen is the turn's usage.
        progress.usage = {
          inputTokens: Math.max(progress.usage?.inputTokens ?? 0, event.usage.inputTokens),
          outputTokens: Math.max(progress.usage?.outputTokens ?? 0, event.usage.outputTokens),
        };
        break;
    }
  }
}

function formatDelay(milliseconds: number): string {
  return milliseconds < 1000 ? `${Math.round(milliseconds)} ms` : `${(milliseconds / 1000).toFixed(1)} s`;
}
