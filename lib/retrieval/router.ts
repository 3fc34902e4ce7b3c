import type { RouteDecision } from '../contracts/retrieval';
import { tokenize } from '../text/tokenize';
import { bm25Idf } from './bm25';

/** What the router knows about one collection for one question. */
export interface RouteCandidate {
  name: string;
  description: string;
  /** Number of passages in the collection. */
  passages: number;
  /** Number of passages containing a (stemmed) term. */
  documentFrequency(term: string): number;
  /** Best passage score for the question under weights shared by all candidates (see {@link sharedTermWeight}). */
  retrievalScore: number;
}

/**
 * How much each kind of evidence counts (each is first turned into shares that sum to 1).
 * Without a cue in the question, routing rests on content; with one, the cue decides half.
 */
const weights = { retrieval: 0.85, vocabulary: 0.15, cue: 0.5 };
/** When the runner-up is this close to the winner, both collections are searched. */
const ambiguityMargin = 0.2;
/** Softens the naive-Bayes vocabulary likelihoods, which are overconfident on their own. */
const vocabularyTemperature = 3;
/**
 * Dialect: a term in at least this share of a collection's passages and at least ten times
 * rarer in every other collection marks that collection ("node", "python", "eventemitter").
 * Its cue strength grows with the ratio: log10(ratio) - 0.5.
 */
const dialectRate = 0.02;
const dialectRatio = 10;
/** Log-likelihood added per question term found among a description's topic words. */
const descriptionTopicBonus = 1;

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

function shares(values: number[]): number[] {
  const total = values.reduce((sum, value) => sum + Math.max(value, 0), 0);
  return values.map((value) => (total > 0 ? Math.max(value, 0) / total : 0));
}

function softmax(values: number[], temperature: number): number[] {
  const top = Math.max(...values);
  const powers = values.map((value) => Math.exp((value - top) / temperature));
  const total = powers.reduce((sum, value) => sum + value, 0);
  return powers.map((value) => value / total);
}

function passageRate(candidate: RouteCandidate, term: string): number {
  return candidate.passages ? candidate.documentFrequency(term) / candidate.passages : 0;
}

/**
 * Content-centroid similarity: each collection's centroid in term space is the share of its
 * passages containing each term; the question's likelihood under each centroid (naive Bayes,
 * smoothed) says which collection's vocabulary it speaks. Topic words of the description
 * (e.g. "promises, streams") add a little, as if the description were one more passage.
 */
function vocabularyLikelihoods(
  terms: string[],
  candidates: RouteCandidate[],
  topics: Set<string>[],
): number[] {
  return candidates.map((candidate, index) =>
    terms.reduce(
      (sum, term) =>
        sum +
        Math.log((candidate.documentFrequency(term) + 0.5) / (candidate.passages + 1)) +
        (topics[index].has(term) ? descriptionTopicBonus : 0),
      0,
    ),
  );
}

/**
 * How a collection names itself: its name and the capitalised words of its description
 * ("Python", "Node.js"), kept whole. The other description words are topics.
 */
function selfNames(candidate: RouteCandidate): { names: Set<string>; topics: Set<string> } {
  const capitalised = candidate.description.match(/(?<![\p{L}\p{N}_])\p{Lu}[\p{L}\p{N}_.]*/gu) ?? [];
  const names = new Set(
    tokenize(`${candidate.name.replace(/[-_]/g, ' ')} ${capitalised.join(' ')}`, { splitIdentifiers: false }),
  );
  const topics = new Set(tokenize(candidate.description).filter((term) => !names.has(term)));
  return { names, topics };
}

/**
 * Lexical cues: question terms that name a collection ("python", or "node" when the
 * description mentions Node.js), counted less when several collections share them, plus the
 * collection's dialect: terms common in it and much rarer in every other collection, counted
 * by how much rarer.
 */
function cueMatches(
  terms: string[],
  candidates: RouteCandidate[],
  names: Set<string>[],
): { scores: number[]; matched: string[][] } {
  const matched: string[][] = candidates.map(() => []);
  const scores = candidates.map((candidate, index) => {
    let score = 0;
    for (const term of terms) {
      if (names[index].has(term)) {
        const holders = names.filter((cues) => cues.has(term)).length;
        const distinctiveness = (candidates.length - holders) / (candidates.length - 1);
        if (distinctiveness > 0) {
          score += distinctiveness;
          matched[index].push(term);
          continue;
        }
      }
      const rate = passageRate(candidate, term);
      const elsewhere = Math.max(
        ...candidates
          .filter((other) => other !== candidate)
          .map((other) => (other.documentFrequency(term) + 0.5) / (other.passages + 1)),
      );
      if (rate >= dialectRate && rate >= dialectRatio * elsewhere) {
        score += Math.log10(rate / elsewhere) - 0.5;
        matched[index].push(term);
      }
    }
    return score;
  });
  return { scores, matched };
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
  const described = candidates.map(selfNames);
  const vocabulary = softmax(
    vocabularyLikelihoods(
      terms,
      candidates,
      described.map((entry) => entry.topics),
    ),
    vocabularyTemperature,
  );
  const cues = cueMatches(
    terms,
    candidates,
    described.map((entry) => entry.names),
  );
  const cueShares = shares(cues.scores);
  const hasCue = cueShares.some((share) => share > 0);
  const hasContent = retrieval.some((share) => share > 0);
  const cueWeight = hasCue ? weights.cue : 0;

  const blended = candidates.map((candidate, index) => ({
    name: candidate.name,
    score:
      cueWeight * cueShares[index] +
      (1 - cueWeight) * (weights.retrieval * retrieval[index] + weights.vocabulary * vocabulary[index]),
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
  const ambiguous = first.score - second.score < ambiguityMargin;
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
