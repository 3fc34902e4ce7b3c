import { z } from 'zod';
import type { TurnFeedback } from '../contracts/dashboard';
import type { FeedbackStore } from '../contracts/stores';
import { AppError } from '../errors';
import { redactForStorage } from '../safety/redact-pii';
import { getMetricsDatabase, prepared } from './metrics-db';

export const maxFeedbackCommentChars = 2000;

/** The body of POST /api/feedback. */
export const feedbackRequestSchema = z.object({
  turnId: z.string().trim().min(1, 'turnId is required').max(200, 'turnId is too long'),
  rating: z.enum(['up', 'down'], { errorMap: () => ({ message: "rating must be 'up' or 'down'" }) }),
  comment: z
    .string()
    .trim()
    .max(maxFeedbackCommentChars, `comment must be at most ${maxFeedbackCommentChars} characters`)
    .optional()
    .transform((value) => (value ? value : undefined)),
});

export type FeedbackRequest = z.infer<typeof feedbackRequestSchema>;

/**
 * Stores (or replaces) the rating of a recorded turn; a new comment replaces the old one, a
 * rating without a comment keeps it. The comment is PII-masked before it is stored. Throws
 * `not_found` when no turn with that id was recorded.
 */
export function saveFeedback(request: FeedbackRequest, now = Date.now()): TurnFeedback & { turnId: string } {
  const comment = request.comment === undefined ? undefined : redactForStorage(request.comment);
  return getMetricsDatabase().transaction(() => {
    if (!prepared('SELECT 1 FROM turns WHERE id = ?').get(request.turnId)) {
      throw new AppError('not_found', {
        publicMessage: 'No answer with that turnId was recorded.',
        detail: `feedback for unknown turn ${request.turnId}`,
      });
    }
    prepared(
      `INSERT INTO feedback (turn_id, rating, comment, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (turn_id) DO UPDATE SET rating = excluded.rating,
         comment = COALESCE(excluded.comment, feedback.comment),
         updated_at = excluded.updated_at`,
    ).run(request.turnId, request.rating, comment ?? null, now, now);
    return { turnId: request.turnId, rating: request.rating, comment, updatedAt: now };
  })();
}

/** Ratings in the embedded SQLite metrics database, beside the turns they rate. */
export const sqliteFeedbackStore: FeedbackStore = {
  save: async (feedback, now) => saveFeedback(feedback, now),
};

/** The feedback store this process uses: the embedded one until a shared store is configured. */
export function getFeedbackStore(): FeedbackStore {
  return sqliteFeedbackStore;
}
