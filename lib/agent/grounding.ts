import type { RetrievedChunk } from '../contracts/retrieval';
import { contentTerms, expandedTerms, termsMatch } from '../text/query-terms';

/** How well the retrieved passages cover the question's topic words. */
export interface CoverageAssessment {
  /** 0..1: share of the question's content terms found in the top passages. */
  coverage: number;
  lowConfidence: boolean;
}

const passagesConsidered = 3;
const minimumCoverage = 0.5;

/**
 * Judges whether retrieval found the question's topic, from lexical coverage of the top
 * passages. Retrieval scores are rank-fused and not comparable across queries, while "do the
 * passages mention what was asked about" is a stable signal that works for every embedder.
 */
export function assessCoverage(question: string, chunks: RetrievedChunk[]): CoverageAssessment {
  const top = chunks.slice(0, passagesConsidered);
  if (!top.length) return { coverage: 0, lowConfidence: true };
  // Passages are split at camelCase (code identifiers); the question is not, so a word such as
  // "JavaScript" counts once.
  const questionTerms = contentTerms(question);
  if (!questionTerms.length) return { coverage: 0, lowConfidence: true };
  const passageTerms = expandedTerms(
    top.map((chunk) => `${chunk.title} ${chunk.heading} ${chunk.text}`).join(' '),
  );
  const found = questionTerms.filter((term) => passageTerms.some((candidate) => termsMatch(term, candidate)));
  const coverage = found.length / questionTerms.length;
  return { coverage, lowConfidence: coverage < minimumCoverage };
}
