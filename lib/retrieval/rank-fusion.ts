import { rrfConstant } from './retrieval-tuning';

/**
 * Reciprocal rank fusion: each ranked list (best first) adds `weight / (constant + rank)` to
 * the items it contains, so lists with incomparable score scales can be combined.
 */
export function reciprocalRankFusion(
  lists: ReadonlyArray<{ ranking: readonly number[]; weight: number }>,
  constant = rrfConstant,
): Map<number, number> {
  const fused = new Map<number, number>();
  for (const { ranking, weight } of lists) {
    ranking.forEach((item, rank) => {
      fused.set(item, (fused.get(item) ?? 0) + weight / (constant + rank + 1));
    });
  }
  return fused;
}
