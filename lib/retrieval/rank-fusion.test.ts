import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion } from './rank-fusion';

describe('reciprocalRankFusion', () => {
  it('adds weight / (k + rank) from every list an item appears in', () => {
    const fused = reciprocalRankFusion(
      [
        { ranking: [7, 8], weight: 1 },
        { ranking: [8, 9], weight: 2 },
      ],
      10,
    );
    expect(fused.get(7)).toBeCloseTo(1 / 11);
    expect(fused.get(8)).toBeCloseTo(1 / 12 + 2 / 11);
    expect(fused.get(9)).toBeCloseTo(2 / 12);
  });

  it('prefers items found by both signals over items found by one', () => {
    const fused = reciprocalRankFusion([
      { ranking: [1, 2, 3], weight: 1 },
      { ranking: [4, 2, 5], weight: 1 },
    ]);
    const order = [...fused].sort((left, right) => right[1] - left[1]).map(([item]) => item);
    expect(order[0]).toBe(2);
  });
});
