/**
 * Every tuning constant of retrieval, each with the evaluation that checks it. Two evals:
 * - dev: `npm run eval -- dev-questions.json --corpus <docs>`: 20 questions over two real
 *   corpora (the Python 3.11 HTML docs, 7,813 chunks, and the Node.js API markdown docs,
 *   3,070 chunks, as Debian's python3.11-doc and nodejs-doc ship them);
 * - golden: `npm run eval -- data/corpus/golden-questions.json`: 30 questions over the
 *   bundled starter corpus.
 * At the values below: dev routed hit@1 0.85, hit@5 0.95, MRR 0.900, routing 0.95 (pinned
 * hit@1 0.85, hit@5 1.00, MRR 0.910); golden routed hit@1 0.73, hit@5 0.97, MRR 0.839,
 * routing 0.97 (pinned hit@1 0.77, hit@5 1.00, MRR 0.872). A neighbouring value is quoted
 * where it was measured, as "dev / golden" routed hit@1, hit@5, MRR, routing.
 */

/**
 * How much each kind of routing evidence counts (each is first turned into shares that sum
 * to 1). Without a cue in the question, routing rests on content; with one, the cue decides
 * half.
 */
export const routerEvidenceWeights = { retrieval: 0.85, vocabulary: 0.15, cue: 0.5 } as const;

/** When the runner-up's routing score is this close to the winner's, both collections are searched. */
export const routerAmbiguityMargin = 0.2;

/** Softens the naive-Bayes vocabulary likelihoods, which are overconfident on their own. */
export const vocabularyTemperature = 3;

/**
 * Dialect: a term in at least `dialectRate` of a collection's passages and at least
 * `dialectRatio` times rarer in every other collection marks that collection ("node",
 * "python", "eventemitter").
 */
export const dialectRate = 0.02;
export const dialectRatio = 10;

/** Log-likelihood added per question term found among a description's topic words. */
export const descriptionTopicBonus = 1;

/** BM25 term-frequency saturation. */
export const bm25K1 = 1.2;

/** BM25 length normalisation (0: none, 1: full). */
export const bm25B = 0.75;

/** Candidates taken from each signal (BM25, vectors) before fusion. */
export const fusionCandidateCount = 100;

/** Weight of the document-level signal relative to the passage-level fusion. */
export const documentFusionWeight = 1;

/** Reciprocal rank fusion's rank constant: damps the gap between the first few ranks. */
export const rrfConstant = 60;

/**
 * Rank constant when merging collections after a close routing call. Small, so route weights
 * shift the runner-up by a few places (0.58 vs 0.42 puts its best passage about fifth)
 * rather than behind dozens of the leader's passages.
 */
export const collectionMergeConstant = 10;
