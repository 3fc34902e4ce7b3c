import { descriptionTopicBonus, vocabularyTemperature } from './retrieval-tuning';
import type { RouteCandidate } from './route-candidate';

function softmax(values: number[], temperature: number): number[] {
  const top = Math.max(...values);
  const powers = values.map((value) => Math.exp((value - top) / temperature));
  const total = powers.reduce((sum, value) => sum + value, 0);
  return powers.map((value) => value / total);
}

/**
 * Content-centroid similarity: each collection's centroid in term space is the share of its
 * passages containing each term; the question's likelihood under each centroid (naive Bayes,
 * smoothed) says which collection's vocabulary it speaks. Topic words of the description
 * (e.g. "promises, streams") add a little, as if the description were one more passage.
 * Returned as shares that sum to 1, softened because naive Bayes is overconfident.
 */
export function vocabularyShares(
  terms: string[],
  candidates: RouteCandidate[],
  topics: Set<string>[],
): number[] {
  const likelihoods = candidates.map((candidate, index) =>
    terms.reduce(
      (sum, term) =>
        sum +
        Math.log((candidate.documentFrequency(term) + 0.5) / (candidate.passages + 1)) +
        (topics[index].has(term) ? descriptionTopicBonus : 0),
      0,
    ),
  );
  return softmax(likelihoods, vocabularyTemperature);
}
