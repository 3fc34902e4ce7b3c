import { z } from 'zod';

const keys = z.array(z.string().min(1)).min(1);
const split = z.enum(['tune', 'held-out']).optional();

/**
 * An answer question file: questions whose right answer names a specific API or idiom, each
 * with key strings such an answer contains (case-sensitive substrings), and follow-ups asked
 * after earlier questions. `independent` marks a follow-up that stands on its own although it
 * comes right after an unrelated question.
 */
export const answerFileSchema = z.object({
  questions: z.array(z.object({ q: z.string().min(1), collection: z.string().min(1), keys, split })).min(1),
  followups: z
    .array(
      z.object({
        history: z.array(z.string().min(1)).min(1),
        q: z.string().min(1),
        collection: z.string().min(1),
        keys,
        independent: z.boolean().optional(),
        split,
      }),
    )
    .default([]),
  /** The least share each figure may reach; `npm run eval` fails under any of them. */
  thresholds: z
    .object({
      keyInSources: z.number().min(0).max(1),
      keyInAnswer: z.number().min(0).max(1),
      cites: z.number().min(0).max(1),
      citationsValid: z.number().min(0).max(1),
      noDuplicatePages: z.number().min(0).max(1),
      routing: z.number().min(0).max(1),
    })
    .partial()
    .default({}),
});

export type AnswerFile = z.infer<typeof answerFileSchema>;

/** One question to ask, with the user questions asked before it in the same conversation. */
export interface AnswerCase {
  question: string;
  collection: string;
  keys: string[];
  history: string[];
  independent: boolean;
  split?: 'tune' | 'held-out';
}

/** The file's questions and follow-ups as one list of cases, optionally one split only. */
export function answerCases(file: AnswerFile, onlySplit?: 'tune' | 'held-out'): AnswerCase[] {
  const cases: AnswerCase[] = [
    ...file.questions.map((entry) => ({
      question: entry.q,
      collection: entry.collection,
      keys: entry.keys,
      history: [],
      independent: false,
      split: entry.split,
    })),
    ...file.followups.map((entry) => ({
      question: entry.q,
      collection: entry.collection,
      keys: entry.keys,
      history: entry.history,
      independent: entry.independent ?? false,
      split: entry.split,
    })),
  ];
  return onlySplit ? cases.filter((entry) => entry.split === onlySplit) : cases;
}
