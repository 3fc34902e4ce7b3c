import { describe, expect, it } from 'vitest';
import { rarityWeights } from './term-weights';

describe('rarityWeights', () => {
  it('weighs a rare term above a common one and a missing one at zero', () => {
    const lists = [['stream', 'pipe'], ['stream'], ['stream', 'backpressure'], ['stream']];
    const [common, rare, missing] = rarityWeights(['stream', 'backpressure', 'socket'], lists);
    expect(common).toEqual({ term: 'stream', weight: Math.log(2) });
    expect(rare).toEqual({ term: 'backpressure', weight: Math.log(5) });
    expect(missing.weight).toBe(0);
  });

  it('counts prefix matches as the matching rule does', () => {
    const [abort] = rarityWeights(['abort'], [['abortcontroller'], ['fetch']]);
    expect(abort.weight).toBe(Math.log(3));
  });
});
