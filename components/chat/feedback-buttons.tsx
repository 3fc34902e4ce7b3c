'use client';

import { type FormEvent, useState } from 'react';
import { parseErrorBody } from '@/lib/chat-ui/chat-request-error';
import { Icon } from './icon';

type Rating = 'up' | 'down';

async function postFeedback(turnId: string, rating: Rating, comment?: string): Promise<void> {
  const response = await fetch('/api/feedback', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ turnId, rating, ...(comment ? { comment } : {}) }),
  });
  if (!response.ok) {
    const body = parseErrorBody(await response.text().catch(() => ''));
    throw new Error(body?.message || 'Could not save your feedback.');
  }
}

/** Thumbs up/down for one answer, with an optional comment, stored against its turn id. */
export function FeedbackButtons({ turnId }: { turnId: string }) {
  const [rating, setRating] = useState<Rating>();
  const [state, setState] = useState<'idle' | 'sending' | 'saved' | 'commented'>('idle');
  const [error, setError] = useState<string>();
  const [commentOpen, setCommentOpen] = useState(false);
  const [comment, setComment] = useState('');

  async function send(nextRating: Rating, nextComment?: string) {
    setState('sending');
    setError(undefined);
    try {
      await postFeedback(turnId, nextRating, nextComment);
      setRating(nextRating);
      setState(nextComment ? 'commented' : 'saved');
      if (nextComment) setCommentOpen(false);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'Could not save your feedback.');
      setState('idle');
    }
  }

  function submitComment(event: FormEvent) {
    event.preventDefault();
    const text = comment.trim();
    if (rating && text) void send(rating, text);
  }

  const buttonClass = (value: Rating) =>
    `rounded-md p-1.5 transition focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:opacity-50 ${
      rating === value
        ? 'bg-indigo-100 text-indigo-700'
        : 'text-slate-400 hover:bg-slate-100 hover:text-slate-700'
    }`;

  return (
    <div className="flex flex-wrap items-center gap-1 text-xs text-slate-500">
      <button
        type="button"
        data-testid="feedback-up"
        aria-label="Good answer"
        aria-pressed={rating === 'up'}
        disabled={state === 'sending'}
        onClick={() => void send('up')}
        className={buttonClass('up')}
      >
        <Icon name="up" />
      </button>
      <button
        type="button"
        data-testid="feedback-down"
        aria-label="Bad answer"
        aria-pressed={rating === 'down'}
        disabled={state === 'sending'}
        onClick={() => void send('down')}
        className={buttonClass('down')}
      >
        <Icon name="down" />
      </button>
      <span role="status" data-testid="feedback-status" className="ml-1">
        {error ? <span className="text-red-700">{error}</span> : null}
        {!error && state === 'saved' ? 'Thanks for the feedback.' : null}
        {!error && state === 'commented' ? 'Thanks, comment saved.' : null}
      </span>
      {rating && state === 'saved' && !commentOpen ? (
        <button
          type="button"
          onClick={() => setCommentOpen(true)}
          className="ml-1 text-indigo-700 underline-offset-2 hover:underline"
        >
          Add a comment
        </button>
      ) : null}
      {commentOpen ? (
        <form onSubmit={submitComment} className="mt-1 flex w-full gap-2">
          <label className="sr-only" htmlFor={`feedback-comment-${turnId}`}>
            Comment on this answer
          </label>
          <input
            id={`feedback-comment-${turnId}`}
            data-testid="feedback-comment"
            value={comment}
            maxLength={2000}
            onChange={(event) => setComment(event.target.value)}
            placeholder="What was good or wrong? (optional)"
            className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 focus:border-indigo-400 focus:outline-none"
          />
          <button
            type="submit"
            disabled={!comment.trim() || state === 'sending'}
            className="rounded-md bg-slate-800 px-2.5 py-1 text-white disabled:opacity-40"
          >
            Send
          </button>
        </form>
      ) : null}
    </div>
  );
}
