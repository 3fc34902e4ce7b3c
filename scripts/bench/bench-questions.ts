import fs from 'node:fs';
import { z } from 'zod';

const questionFileSchema = z.object({
  questions: z.array(z.object({ q: z.string().min(1), collection: z.string().optional() })).min(1),
});

export interface BenchQuestion {
  text: string;
  collection?: string;
}

/** Reads a golden/dev question file (`{ questions: [{ q, collection }] }`); throws a clear error if unusable. */
export function loadQuestions(file: string): BenchQuestion[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read questions from ${file}: ${error instanceof Error ? error.message : error}`);
  }
  const result = questionFileSchema.safeParse(parsed);
  if (!result.success) throw new Error(`${file} is not a question file: ${result.error.issues[0]?.message}`);
  return result.data.questions.map((question) => ({ text: question.q, collection: question.collection }));
}

const tagPattern = /\bbq([a-z0-9]+)n(\d+)\b/;

/**
 * Makes question number `index` unique to this run, so the response cache never answers it,
 * with a tag the upstream's recorded request can be matched on. The tag is one short
 * lowercase word that the retriever simply finds no match for.
 */
export function uniqueQuestion(
  questions: readonly BenchQuestion[],
  runId: string,
  index: number,
): BenchQuestion {
  const base = questions[index % questions.length];
  return { ...base, text: `${base.text} (bq${runId}n${index})` };
}

/** The tag `uniqueQuestion` put in a text, e.g. `bqk3x9n12`, or undefined. */
export function questionTag(text: string): string | undefined {
  return tagPattern.exec(text)?.[0];
}
