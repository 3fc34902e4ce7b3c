import { setTimeout as sleep } from 'node:timers/promises';
import type { AnswerEvent } from '../contracts/models';

/** How fast the embedded answerer streams its text. */
export interface AnswerPacing {
  /** Upper bound for the pause between tokens. */
  maxTokenDelayMs: number;
  /** Target total streaming time; long answers stream faster to stay near it. */
  targetStreamMs: number;
}

/** Words with their trailing space (and runs of space alone), so the joined tokens are the text. */
function answerTokens(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

/**
 * Streams a finished answer token by token, paused so it reads like a model typing: the pause
 * is the target time spread over the tokens, capped, and skipped when under a millisecond.
 * Stops (rejects) as soon as the signal aborts, even mid-pause.
 */
export async function* paceAnswer(
  text: string,
  pacing: AnswerPacing,
  signal: AbortSignal,
): AsyncIterable<AnswerEvent> {
  const tokens = answerTokens(text);
  const delayMs = Math.min(pacing.maxTokenDelayMs, pacing.targetStreamMs / Math.max(tokens.length, 1));
  for (const [position, token] of tokens.entries()) {
    if (position > 0 && delayMs >= 1) await sleep(delayMs, undefined, { signal });
    signal.throwIfAborted();
    yield { type: 'text', text: token };
  }
}
