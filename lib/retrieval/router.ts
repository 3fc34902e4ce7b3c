import type { RouteDecision } from '../contracts/retrieval';
import { tokenize } from '../text/tokenize';
import { collectionSelfNames } from './collection-self-names';
import { routerAmbiguityMargin, routerEvidenceWeights } from './retrieval-tuning';
import type { RouteCandidate } from './route-candidate';
import { cueMatches } from './route-cues';
import { vocabularyShares } from './route-vocabulary';

/** Turns evidence into shares that sum to 1 (negative evidence counts as none). */
function shares(values: number[]): number[] {
  const total = values.reduce((sum, value) => sum + Math.max(value, 0), 0);
  return values.map((value) => (total > 0 ? Math.max(value, 0) / total : 0));
}

/**
 * Picks the collection(s) a question should search, without a model: a weighted blend of
 * retrieval evidence (best passage score), vocabulary (content centroid) similarity and
 * explicit cues from names and descriptions. A close runner-up is searched too. A pinned
 * collection bypasses routing. Works for any number of collections; a new collection is
 * routable as soon as it is ingested.
 */
export function routeQuestion(
  query: string,
  candidates: RouteCandidate[],
  options: { pinned?: string } = {},
): RouteDecision {
  if (options.pinned) {
    return {
      collections: [options.pinned],
      scores: { [options.pinned]: 1 },
      reason: 'pinned by the user',
      confidence: 1,
      pinned: true,
    };
  }
  if (candidates.length === 0) {
    return {
      collections: [],
      scores: {},
      reason: 'no collections are available',
      confidence: 0,
      pinned: false,
    };
  }
  if (candidates.length === 1) {
    const only = candidates[0].name;
    return {
      collections: [only],
      scores: { [only]: 1 },
      reason: 'only one collection is available',
      confidence: 1,
      pinned: false,
    };
  }

  const terms = [...new Set(tokenize(query))];
  const retrieval = shares(candidates.map((candidate) => candidate.retrievalScore));
  const described = candidates.map(collectionSelfNames);
  const vocabulary = vocabularyShares(
    terms,
    candidates,
    described.map((entry) => entry.topics),
  );
  const cues = cueMatches(
    terms,
    candidates,
    described.map((entry) => entry.names),
  );
  const cueShares = shares(cues.scores);
  const hasCue = cueShares.some((share) => share > 0);
  const hasContent = retrieval.some((share) => share > 0);
  const cueWeight = hasCue ? routerEvidenceWeights.cue : 0;

  const blended = candidates.map((candidate, index) => ({
    name: candidate.name,
    score:
      cueWeight * cueShares[index] +
      (1 - cueWeight) *
        (routerEvidenceWeights.retrieval * retrieval[index] +
          routerEvidenceWeights.vocabulary * vocabulary[index]),
    index,
  }));
  blended.sort((left, right) => right.score - left.score || left.name.localeCompare(right.name));
  const scores = Object.fromEntries(
    blended.map((entry) => [entry.name, Math.round(entry.score * 1000) / 1000]),
  );

  if (!hasContent && !hasCue) {
    return {
      collections: blended.map((entry) => entry.name),
      scores,
      reason: 'no collection matches the question; searching all of them',
      confidence: 0,
      pinned: false,
    };
  }
  const [first, second] = blended;
  const ambiguous = first.score - second.score < routerAmbiguityMargin;
  const evidence = [
    ...(cues.matched[first.index].length
      ? [`cues ${cues.matched[first.index].map((term) => `"${term}"`).join(', ')}`]
      : []),
    `retrieval ${retrieval[first.index].toFixed(2)}`,
    `vocabulary ${vocabulary[first.index].toFixed(2)}`,
  ].join(', ');
  return {
    collections: ambiguous ? [first.name, second.name] : [first.name],
    scores,
    reason: ambiguous
      ? `close call between ${first.name} and ${second.name} (${evidence}); searching both`
      : `best match: ${first.name} (${evidence})`,
    confidence: Math.round(first.score * 1000) / 1000,
    pinned: false,
  };
}
