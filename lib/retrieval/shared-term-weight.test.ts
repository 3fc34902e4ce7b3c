import { describe, expect, it } from 'vitest';
import type { RouteCandidate } from './route-candidate';
import { sharedTermWeight } from './shared-term-weight';

/** A candidate whose passages contain terms at the given rates (share of passages). */
function candidate(
  name: string,
  rates: Record<string, number>,
  retrievalScore: number,
  description = '',
): RouteCandidate {
  const passages = 1000;
  return {
    name,
    description,
    passages,
    documentFrequency: (term) => Math.round((rates[term] ?? 0) * passages),
    retrievalScore,
  };
}

describe('sharedTermWeight', () => {
  it('weighs a term by its document frequency across all collections', () => {
    const weight = sharedTermWeight([
      candidate('a', { common: 0.5, rare: 0.001 }, 0),
      candidate('b', { common: 0.5 }, 0),
    ]);
    expect(weight('rare')).toBeGreaterThan(weight('common'));
    expect(weight('absent')).toBe(0);
  });
});
