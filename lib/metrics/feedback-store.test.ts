import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '@/lib/errors';
import { makeTurnRecord, useTemporaryDataDir } from '@/tests/support/metrics-fixtures';
import { feedbackRequestSchema, saveFeedback } from './feedback-store';
import { insertTurn } from './insert-turn';
import { getTurn } from './turn-store';

let cleanup: () => void;

beforeEach(() => {
  cleanup = useTemporaryDataDir().cleanup;
});
afterEach(() => cleanup());

describe('saveFeedback', () => {
  it('stores a rating and comment with the turn', () => {
    const record = makeTurnRecord();
    insertTurn(record, { storeQuestion: true, now: 1 });
    saveFeedback({ turnId: record.id, rating: 'down', comment: 'Cited the wrong page' }, 100);
    expect(getTurn(record.id)?.feedback).toEqual({
      rating: 'down',
      comment: 'Cited the wrong page',
      updatedAt: 100,
    });
  });

  it('replaces the rating and keeps the comment unless a new one is given', () => {
    const record = makeTurnRecord();
    insertTurn(record, { storeQuestion: true, now: 1 });
    saveFeedback({ turnId: record.id, rating: 'down', comment: 'too vague' }, 100);
    saveFeedback({ turnId: record.id, rating: 'up' }, 200);
    expect(getTurn(record.id)?.feedback).toEqual({ rating: 'up', comment: 'too vague', updatedAt: 200 });
  });

  it('masks personal data in comments', () => {
    const record = makeTurnRecord();
    insertTurn(record, { storeQuestion: true, now: 1 });
    saveFeedback({ turnId: record.id, rating: 'down', comment: 'mail me at jane.doe@example.com' });
    expect(getTurn(record.id)?.feedback?.comment).not.toContain('jane.doe@example.com');
  });

  it('rejects an unknown turn with not_found', () => {
    expect(() => saveFeedback({ turnId: 'no-such-turn', rating: 'up' })).toThrowError(
      expect.objectContaining({ code: 'not_found', status: 404 }) as AppError,
    );
  });
});

describe('feedbackRequestSchema', () => {
  it('accepts a rating with an optional comment and drops a blank one', () => {
    expect(feedbackRequestSchema.parse({ turnId: ' t1 ', rating: 'up', comment: '  ' })).toEqual({
      turnId: 't1',
      rating: 'up',
      comment: undefined,
    });
  });

  it('names the problem for bad input', () => {
    const issue = (body: unknown) => feedbackRequestSchema.safeParse(body).error?.issues[0].message;
    expect(issue({ turnId: 't1', rating: 'meh' })).toBe("rating must be 'up' or 'down'");
    expect(issue({ turnId: '', rating: 'up' })).toBe('turnId is required');
    expect(issue({ turnId: 't1', rating: 'up', comment: 'x'.repeat(2001) })).toMatch(/at most 2000/);
  });
});
