'use client';

import type { ChatStatus } from 'ai';
import { type ReactNode, useEffect, useRef } from 'react';
import type { ChatMessage, SourcePart } from '@/lib/contracts/ui-message';
import { AssistantMessage } from './assistant-message';
import { PendingReply } from './pending-reply';
import { UserMessage } from './user-message';

interface MessageListProps {
  messages: ChatMessage[];
  status: ChatStatus;
  stoppedMessageIds: ReadonlySet<string>;
  onOpenSource: (source: SourcePart) => void;
  /** Shown when there are no messages yet. */
  emptyState: ReactNode;
  /** Shown after the last message (the error banner). */
  footer: ReactNode;
}

// How close to the bottom (px) still counts as "following" the stream.
const followThreshold = 80;

/** The conversation, scrolled to follow the stream unless the user scrolls up to read. */
export function MessageList({
  messages,
  status,
  stoppedMessageIds,
  onOpenSource,
  emptyState,
  footer,
}: MessageListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const last = messages.at(-1);
  const busy = status === 'submitted' || status === 'streaming';

  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run whenever streamed content changes
  useEffect(() => {
    const element = scrollRef.current;
    if (element && following.current) element.scrollTop = element.scrollHeight;
  }, [messages, status, footer]);

  return (
    <div
      ref={scrollRef}
      onScroll={(event) => {
        const element = event.currentTarget;
        following.current = element.scrollHeight - element.scrollTop - element.clientHeight < followThreshold;
      }}
      className="flex-1 overflow-y-auto overscroll-contain"
    >
      <div className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 py-6 sm:px-6" aria-live="off">
        {messages.length === 0 ? emptyState : null}
        {messages.map((message) =>
          message.role === 'user' ? (
            <UserMessage key={message.id} message={message} />
          ) : (
            <AssistantMessage
              key={message.id}
              message={message}
              streaming={busy && message === last}
              stopped={stoppedMessageIds.has(message.id)}
              onOpenSource={onOpenSource}
            />
          ),
        )}
        {busy && last?.role !== 'assistant' ? <PendingReply /> : null}
        {footer}
      </div>
    </div>
  );
}
