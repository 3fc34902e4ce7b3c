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
  /** Weight of the question terms in the headings above it: ranks sections, not sentences. */
  headingScore: number;
  /** The section it belongs to, unique across passages (see {@link passageOfGroup}). */
  group: number;
}

const sectionsPerPassage = 1_000;

/** The 1-based passage (citation number) a section group belongs to. */
export function passageOfGroup(group: number): number {
  return Math.floor(group / sectionsPerPassage);
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
    const group = unit.passage * sectionsPerPassage + unit.section;
    return { ...unit, score: score / lengthDamping, headingScore, group };
  });
  for (const [position, unit] of scored.entries()) {
    const previous = scored[position - 1];
    if (unit.kind === 'code' && previous?.group === unit.group && previous.kind !== 'code') {
      unit.score += previous.score * introductionScoreShare;
    }
  }
  return { units: scored, weights };
}

/**
 * Sections worth quoting (their groups), best first. A section of a passage (a grouped page
 * holds several) is one documented thing, so answers quote sections, never stitch sentences of
 * two. Its strength is the weight of the question terms it contains anywhere (text, code or
 * headings), so the section that covers the specific words of the question wins over one that
 * repeats the general topic; retrieval rank is a small prior, and a how-to question favours a
 * section with code.
 */
export function rankSections(units: ScoredUnit[], weights: TermWeight[], wantsCode: boolean): number[] {
  const groups = new Map<number, ScoredUnit[]>();
  for (const unit of units) groups.set(unit.group, [...(groups.get(unit.group) ?? []), unit]);
  const ranked: [number, number][] = [];
  for (const [group, own] of groups) {
    if (!own.some((unit) => unit.score > 0)) continue;
    const terms = own.flatMap((unit) => [...unit.terms, ...unit.headingTerms]);
    const headingTerms = own[0].headingTerms;
    const coverage = weights.reduce(
      (total, { term, weight }) =>
        total +
        (containsTerm(terms, term) ? weight : 0) +
        (containsTerm(headingTerms, term) ? weight * headingCoverageShare : 0),
      0,
    );
    const showsCode = wantsCode && own.some((unit) => unit.kind === 'code') ? codeBoost : 1;
    ranked.push([group, coverage * (1 + retrievalRankPrior / passageOfGroup(group)) * showsCode]);
  }
  ranked.sort((a, b) => b[1] - a[1]);
  const best = ranked[0]?.[1] ?? 0;
  return ranked
    .filter(([, value]) => value >= best * secondaryPassageShare)
    .slice(0, maxPassagesQuoted)
    .map(([group]) => group);
}
