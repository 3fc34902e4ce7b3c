import { bm25Idf } from './bm25';
import type { RouteCandidate } from './route-candidate';

/**
 * One IDF for all candidates (document frequencies summed), so BM25 scores from different
 * collections are on the same scale and can be compared.
 */
export function sharedTermWeight(
  candidates: Pick<RouteCandidate, 'passages' | 'documentFrequency'>[],
): (term: string) => number {
  const total = candidates.reduce((sum, candidate) => sum + candidate.passages, 0);
  const memo = new Map<string, number>();
  return (term) => {
    let weight = memo.get(term);
    if (weight === undefined) {
      const count = candidates.reduce((sum, candidate) => sum + candidate.documentFrequency(term), 0);
      weight = bm25Idf(count, total);
      memo.set(term, weight);
    }
    return weight;
  };
}
