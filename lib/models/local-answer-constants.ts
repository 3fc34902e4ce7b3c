/**
 * The embedded answerer's tuning, each with the reason for its value. They shape how long an
 * extractive answer gets and which passages it quotes; change them only with the answer
 * evaluation run before and after.
 */

/** Sentences quoted in all: enough to answer, short enough to read at a glance. */
export const maxSentences = 5;

/** Characters of prose in all, so a few long sentences cannot make a wall of text. */
export const maxProseChars = 900;

/** One example answers a how-to question; a second mostly repeats the first. */
export const maxCodeBlocks = 1;

/** Longer code is cut with an ellipsis: the reader follows the citation for the rest. */
export const maxCodeLines = 30;

/** Passages quoted at most, each a cited section: more reads like a search result page. */
export const maxPassagesQuoted = 3;

/** The focus passage always contributes this many sentences, not just a code block. */
export const minimumFocusProse = 2;

/** Other passages are quoted only when nearly as relevant as the best one. */
export const secondaryPassageShare = 0.7;

/** Units of the focus passage scoring under this share of the best unit are filler, not answer. */
export const relativeCutoff = 0.35;

/** The stricter cutoff for units of other passages, which must earn their place. */
export const secondaryCutoff = 0.6;

/** "How do I…" questions are best answered by a passage that shows code. */
export const howToPattern = /\b(how|example|show|write|syntax|snippet)\b/i;

/** A how-to question favours a passage with code by this factor. */
export const codeBoost = 1.2;

/** Code is explained by the sentence before it: a block inherits this share of that sentence's score. */
export const introductionScoreShare = 0.5;

/** Scores are damped by sqrt(1 + length / this), so long sentences do not win by size alone. */
export const lengthDampingChars = 400;

/**
 * Retrieval rank as a prior: passage n's strength is multiplied by 1 + this / n. Retrieval
 * ranks pages by meaning and by every passage, the answerer only by the question's words, so
 * the first page deserves a real lead. Answer questions (dev / own tune split, key in answer):
 * 0.4: 0.73 / 0.65; 0.7: 0.73 / 0.65; 1: 0.73 / 0.75; 2: 0.68 / 0.70.
 */
export const retrievalRankPrior = 1;

/** A question term in a passage's headings adds this share of its weight again. */
export const headingCoverageShare = 0.5;

/** Default upper bound for the pause between streamed tokens, so the answer visibly streams. */
export const defaultMaxTokenDelayMs = 15;

/** Default target total streaming time; long answers stream faster to stay near it. */
export const defaultTargetStreamMs = 1_200;
