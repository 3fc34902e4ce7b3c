import { z } from 'zod';
import type { RetrievalResult } from '../contracts/retrieval';

export const questionFileSchema = z.object({
  questions: z
    .array(
      z.object({
        q: z.string().min(1),
        collection: z.string().min(1),
        expect: z.array(z.string().min(1)).min(1),
      }),
    )
    .min(1),
});

export type EvaluationQuestion = z.infer<typeof questionFileSchema>['questions'][number];

export interface QuestionOutcome {
  question: string;
  collection: string;
  routedTo: string[];
  /** 0-based rank of the first expected file among distinct source files; -1 when absent. */
  rank: number;
  topSources: string[];
}

export interface EvaluationSummary {
  questions: number;
  hitAt1: number;
  hitAt5: number;
  mrr: number;
  routingAccuracy: number;
  outcomes: QuestionOutcome[];
}

type Retrieve = (params: { query: string; collection?: string; k?: number }) => Promise<RetrievalResult>;

/** Passages fetched per question: enough to fill the top 5 distinct files. */
const passagesPerQuestion = 30;

/** Distinct `collection/source` keys in result order. */
function distinctSources(result: RetrievalResult): string[] {
  const seen: string[] = [];
  for (const source of result.sources) {
    const key = `${source.collection}/${source.source}`;
    if (!seen.includes(key)) seen.push(key);
  }
  return seen;
}

/**
 * Runs each question through retrieval (routed, or pinned to its collection with `pin`) and
 * scores it the way the dev set defines: a hit is an expected file of the expected collection
 * among the top distinct source files; routing is right when the first routed collection is
 * the expected one.
 */
export async function evaluateQuestions(
  questions: EvaluationQuestion[],
  retrieve: Retrieve,
  options: { pin?: boolean } = {},
): Promise<EvaluationSummary> {
  const outcomes: QuestionOutcome[] = [];
  for (const question of questions) {
    const result = await retrieve({
      query: question.q,
      collection: options.pin ? question.collection : undefined,
      k: passagesPerQuestion,
    });
    const sources = distinctSources(result);
    const expected = new Set(question.expect.map((file) => `${question.collection}/${file}`));
    outcomes.push({
      question: question.q,
      collection: question.collection,
      routedTo: result.route.collections,
      rank: sources.findIndex((source) => expected.has(source)),
      topSources: sources.slice(0, 5),
    });
  }
  const share = (count: number) => (outcomes.length ? count / outcomes.length : 0);
  return {
    questions: outcomes.length,
    hitAt1: share(outcomes.filter((outcome) => outcome.rank === 0).length),
    hitAt5: share(outcomes.filter((outcome) => outcome.rank >= 0 && outcome.rank < 5).length),
    mrr: share(
      outcomes.reduce(
        (sum, outcome) => sum + (outcome.rank >= 0 && outcome.rank < 10 ? 1 / (outcome.rank + 1) : 0),
        0,
      ),
    ),
    routingAccuracy: share(outcomes.filter((outcome) => outcome.routedTo[0] === outcome.collection).length),
    outcomes,
  };
}
