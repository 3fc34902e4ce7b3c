import { yieldToEventLoop } from '../runtime/yield-to-event-loop';
import type { PassageSource } from './passage-format';
import { hasTextTokens, headerTokens, textTokens } from './passage-token-cache';

/** How long priming runs before letting waiting requests in. */
const primeSliceMilliseconds = 5;

/**
 * Counts the tokens of passages in `model`'s encoding ahead of their first use (the server
 * primes every loaded chunk at start), in short slices that yield to the event loop, so
 * requests arriving meanwhile are not held up. Returns how many passage texts were newly counted.
 */
export async function primePassageTokens(
  passages: readonly (PassageSource & { text: string })[],
  signal?: AbortSignal,
  model?: string,
): Promise<number> {
  let counted = 0;
  let sliceStarted = performance.now();
  for (const passage of passages) {
    if (signal?.aborted) break;
    headerTokens(1, passage, model);
    if (passage.text && !hasTextTokens(passage.text, model)) {
      textTokens(passage.text, model);
      counted += 1;
    }
    if (performance.now() - sliceStarted >= primeSliceMilliseconds) {
      await yieldToEventLoop();
      sliceStarted = performance.now();
    }
  }
  return counted;
}
