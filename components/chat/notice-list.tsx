import type { ChatDataParts } from '@/lib/contracts/ui-message';
import { Icon } from './icon';

type Notice = ChatDataParts['notice'];

const tones: Record<Notice['kind'], string> = {
  retry: 'border-sky-200 bg-sky-50 text-sky-800',
  fallback: 'border-amber-200 bg-amber-50 text-amber-800',
  interrupted: 'border-slate-200 bg-slate-50 text-slate-700',
  error: 'border-red-200 bg-red-50 text-red-800',
};

/** Notices about how the answer was produced: retries, fallbacks, interruptions, errors. */
export function NoticeList({ notices }: { notices: Notice[] }) {
  if (notices.length === 0) return null;
  return (
    <ul className="mt-2 space-y-1.5">
      {notices.map((notice, position) => (
        <li
          // Notices only ever get appended, so the position is a stable key.
          // biome-ignore lint/suspicious/noArrayIndexKey: append-only list
          key={position}
          data-testid="notice"
          data-kind={notice.kind}
          className={`flex items-start gap-2 rounded-lg border px-3 py-1.5 text-xs ${tones[notice.kind]}`}
        >
          <Icon name="alert" className="mt-px size-3.5 shrink-0" />
          <span>{notice.message}</span>
        </li>
      ))}
    </ul>
  );
}
