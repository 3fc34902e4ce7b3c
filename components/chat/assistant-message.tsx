import { readMessage } from '@/lib/chat-ui/message-parts';
import type { ChatMessage, SourcePart } from '@/lib/contracts/ui-message';
import { FeedbackButtons } from './feedback-buttons';
import { Icon } from './icon';
import { MarkdownContent } from './markdown-content';
import { MetricsBar } from './metrics-bar';
import { NoticeList } from './notice-list';
import { RouteBadge } from './route-badge';
import { SourceChips } from './source-chips';
import { StatusLine } from './status-line';

interface AssistantMessageProps {
  message: ChatMessage;
  /** True while this answer is still streaming in. */
  streaming: boolean;
  /** True when the user pressed Stop during this answer. */
  stopped: boolean;
  onOpenSource: (source: SourcePart) => void;
}

/** One answer: route, live status, streamed markdown with citations, sources, stats and feedback. */
export function AssistantMessage({ message, streaming, stopped, onOpenSource }: AssistantMessageProps) {
  const view = readMessage(message);
  const sources = view.sources?.sources ?? [];
  const failed = view.status?.state === 'failed';
  const turnId = view.metrics?.turnId ?? message.metadata?.turnId;
  const notices = stopped
    ? [...view.notices, { kind: 'interrupted' as const, message: 'Stopped. The answer above is incomplete.' }]
    : view.notices;

  return (
    <article data-testid="message" data-role="assistant" aria-label="Answer" className="flex gap-3">
      <div className="mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-full bg-gradient-to-br from-indigo-500 to-violet-500 text-white shadow-sm">
        <Icon name="sparkle" />
      </div>
      <div className="min-w-0 flex-1 space-y-2">
        {view.route ? <RouteBadge route={view.route} /> : null}
        {streaming || failed ? <StatusLine status={view.status} /> : null}
        <div data-testid="message-text" className="text-[0.95rem] leading-relaxed text-slate-800">
          {view.text ? (
            <MarkdownContent text={view.text} sources={sources} onOpenSource={onOpenSource} />
          ) : null}
          {streaming && view.text ? (
            <span
              aria-hidden="true"
              className="ml-0.5 inline-block h-4 w-1.5 animate-pulse bg-indigo-400 align-middle"
            />
          ) : null}
        </div>
        <NoticeList notices={notices} />
        {view.sources ? (
          <SourceChips sources={sources} lowConfidence={view.sources.lowConfidence} onOpen={onOpenSource} />
        ) : null}
        {!streaming && (view.metrics || turnId) ? (
          <footer className="flex flex-col gap-1 border-t border-slate-100 pt-2 sm:flex-row sm:items-center sm:justify-between">
            {view.metrics ? <MetricsBar metrics={view.metrics} /> : <span />}
            {turnId ? <FeedbackButtons turnId={turnId} /> : null}
          </footer>
        ) : null}
      </div>
    </article>
  );
}
