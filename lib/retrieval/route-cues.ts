import { dialectRate, dialectRatio } from './retrieval-tuning';
import type { RouteCandidate } from './route-candidate';

/** Cue strength per candidate, and the question terms that gave it. */
export interface CueMatches {
  scores: number[];
  matched: string[][];
}

function passageRate(candidate: RouteCandidate, term: string): number {
  return candidate.passages ? candidate.documentFrequency(term) / candidate.passages : 0;
}

/**
 * Lexical cues: question terms that name a collection ("python", or "node" when the
 * description mentions Node.js), counted less when several collections share them, plus the
 * collection's dialect: terms common in it and much rarer in every other collection, counted
 * by how much rarer (log10 of the ratio, less one half).
 */
export function cueMatches(terms: string[], candidates: RouteCandidate[], names: Set<string>[]): CueMatches {
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
