'use client';

import { useEffect, useState } from 'react';
import { type ChatErrorView, rateLimitMessage } from '@/lib/chat-ui/chat-request-error';
import { Icon } from './icon';

interface ErrorBannerProps {
  error: ChatErrorView;
  /** When the error arrived (ms since epoch); the rate-limit countdown starts here. */
  receivedAt: number;
  onRetry: () => void;
  onDismiss: () => void;
}

function secondsLeft(error: ChatErrorView, receivedAt: number): number {
  if (error.retryAfterSeconds === undefined) return 0;
  return Math.max(0, Math.ceil((receivedAt + error.retryAfterSeconds * 1000 - Date.now()) / 1000));
}

/** A failed answer: what went wrong in plain words, a live rate-limit countdown, and Retry. */
export function ErrorBanner({ error, receivedAt, onRetry, onDismiss }: ErrorBannerProps) {
  const rateLimited = error.retryAfterSeconds !== undefined;
  const [left, setLeft] = useState(() => secondsLeft(error, receivedAt));

  useEffect(() => {
    if (!rateLimited) return;
    setLeft(secondsLeft(error, receivedAt));
    const timer = setInterval(() => setLeft(secondsLeft(error, receivedAt)), 1000);
    return () => clearInterval(timer);
  }, [error, receivedAt, rateLimited]);

  return (
    <div
      data-testid="error"
      data-code={error.code}
      role="alert"
      className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
    >
      <Icon name="alert" className="size-5 shrink-0" />
      <div className="min-w-0 flex-1 basis-48">
        <p className="font-medium">{rateLimited ? rateLimitMessage(left) : error.message}</p>
        {rateLimited && error.code !== 'rate_limited' ? (
          <p className="mt-0.5 text-red-700">{error.message}</p>
        ) : null}
      </div>
      <div className="ml-auto flex gap-2">
        <button
          type="button"
          data-testid="retry-button"
          onClick={onRetry}
          className="inline-flex items-center gap-1.5 rounded-lg bg-red-700 px-3 py-1.5 font-medium text-white shadow-sm hover:bg-red-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-700"
        >
          <Icon name="retry" />
          Retry
        </button>
        <button
          type="button"
          onClick={onDismiss}
          aria-label="Dismiss error"
          className="rounded-lg px-2 text-red-700 hover:bg-red-100 focus-visible:outline-2 focus-visible:outline-red-700"
        >
          <Icon name="close" />
        </button>
      </div>
    </div>
  );
}
