import { Icon } from './icon';
import { StatusLine } from './status-line';

/** Placeholder shown between sending a question and the first streamed part of the answer. */
export function PendingReply() {
  return (
    <div className="flex gap-3">
      <div className="mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-full bg-gradient-to-br from-indigo-500 to-violet-500 text-white shadow-sm">
        <Icon name="sparkle" />
      </div>
      <div className="pt-1.5">
        <StatusLine status={undefined} />
      </div>
    </div>
  );
}
