import type { ChatDataParts } from '@/lib/contracts/ui-message';

type Status = ChatDataParts['status'];

/** The words shown for each agent state when the server sends no message of its own. */
function statusText(status: Status | undefined): string {
  if (!status) return 'Connecting…';
  if (status.message) return status.message;
  switch (status.state) {
    case 'routing':
      return 'Choosing where to search…';
    case 'retrieving':
      return `Searching ${status.collections?.join(', ') ?? 'the docs'}…`;
    case 'generating':
      return 'Writing…';
    case 'done':
      return 'Done';
    case 'failed':
      return status.reason ?? 'The answer failed.';
  }
}

/** Live progress of a turn (routing, searching, writing), announced politely to screen readers. */
export function StatusLine({ status }: { status: Status | undefined }) {
  const failed = status?.state === 'failed';
  return (
    <p
      data-testid="status"
      data-state={status?.state ?? 'pending'}
      role="status"
      aria-live="polite"
      className={`flex items-center gap-2 text-sm ${failed ? 'text-red-700' : 'text-slate-500'}`}
    >
      {failed ? null : (
        <span className="relative flex size-2">
          <span className="absolute inline-flex size-full animate-ping rounded-full bg-indigo-400 opacity-75" />
          <span className="relative inline-flex size-2 rounded-full bg-indigo-500" />
        </span>
      )}
      {statusText(status)}
    </p>
  );
}
