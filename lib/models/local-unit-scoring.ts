import type { RetrievedChunk } from '../contracts/retrieval';
import { containsTerm } from '../text/query-terms';
import { rarityWeights, type TermWeight } from '../text/term-weights';
import {
  codeBoost,
  headingCoverageShare,
  introductionScoreShare,
  lengthDampingChars,
  maxPassagesQuoted,
  retrievalRankPrior,
  secondaryPassageShare,
} from './local-answer-constants';
import { type ExtractedUnit, splitIntoUnits } from './local-passage-units';

/** A quotable unit with how well it answers the question. */
export interface ScoredUnit extends ExtractedUnit {
  score: number;
  /** Weight of the question terms in the headings above it: ranks passages, not sentences. */
  headingScore: number;
}

/**
 * Scores every unit of the passages by the question terms it contains, weighted by how rare
 * they are among the units (the topic word every sentence repeats counts less than the specific
 * one, see {@link rarityWeights}), damped for length. Heading matches are kept apart: they rank
 * passages, not sentences.
 */
export function scoreUnits(
  questionTerms: string[],
  context: RetrievedChunk[],
): { units: ScoredUnit[]; weights: TermWeight[] } {
  const units = context.flatMap((chunk, position) => splitIntoUnits(chunk, position + 1));
  const weights = rarityWeights(
    questionTerms,
    units.map((unit) => unit.terms),
  );
  const scored = units.map((unit) => {
    let score = 0;
    let headingScore = 0;
    for (const { term, weight } of weights) {
      if (containsTerm(unit.terms, term)) score += weight;
      if (containsTerm(unit.headingTerms, term)) headingScore += weight;
    }
    const lengthDamping = Math.sqrt(1 + unit.text.length / lengthDampingChars);
    return { ...unit, score: score / lengthDamping, headingScore };
  });
  for (const [position, unit] of scored.entries()) {
    const previous = scored[position - 1];
    if (unit.kind === 'code' && previous?.passage === unit.passage && previous.kind !== 'code') {
      unit.score += previous.score * introductionScoreShare;
    }
  }
  return { units: scored, weights };
}

/**
 * Passages worth quoting (1-based numbers), best first. A passage's strength is the weight of
 * the question terms it contains anywhere (text, code or headings), so the passage that covers
 * the specific words of the question wins over one that repeats the general topic; retrieval
 * rank is a small prior, and a how-to question favours a passage with code.
 */
export function rankPassages(
  units: ScoredUnit[],
  weights: TermWeight[],
  passageCount: number,
  wantsCode: boolean,
): number[] {
  const ranked: [number, number][] = [];
  for (let passage = 1; passage <= passageCount; passage += 1) {
    const own = units.filter((unit) => unit.passage === passage);
    if (!own.some((unit) => unit.score > 0)) continue;
    const terms = own.flatMap((unit) => [...unit.terms, ...unit.headingTerms]);
    const headingTerms = own.flatMap((unit) => unit.headingTerms);
    const coverage = weights.reduce(
      (total, { term, weight }) =>
        total +
        (containsTerm(terms, term) ? weight : 0) +
        (containsTerm(headingTerms, term) ? weight * headingCoverageShare : 0),
      0,
    );
    const showsCode = wantsCode && own.some((unit) => unit.kind === 'code') ? codeBoost : 1;
    ranked.push([passage, coverage * (1 + retrievalRankPrior / passage) * showsCode]);
  }
  ranked.sort((a, b) => b[1] - a[1]);
  const best = ranked[0]?.[1] ?? 0;
  return ranked
    .filter(([, value]) => value >= best * secondaryPassageShare)
    .slice(0, maxPassagesQuoted)
    .map(([passage]) => passage);
}
