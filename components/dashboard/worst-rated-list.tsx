import type { StoredTurn } from '@/lib/contracts/dashboard';
import { formatTimestamp } from './format';

/** Answers rated down in the window, newest first, with comment and sources. */
export function WorstRatedList({
  turns,
  onSelect,
}: {
  turns: StoredTurn[];
  onSelect: (turn: StoredTurn) => void;
}) {
  return (
    <ul data-testid="worst-rated" className="divide-y divide-slate-100 text-xs">
      {turns.map((turn) => (
        <li key={turn.id} data-testid="worst-rated-item" className="py-1.5">
          <button
            type="button"
            onClick={() => onSelect(turn)}
            className="w-full text-left hover:text-indigo-700 focus-visible:outline-2 focus-visible:outline-indigo-500"
          >
            <span className="font-medium text-slate-800">{turn.question ?? `Turn ${turn.id}`}</span>
            <span className="block text-slate-500">
              rated {formatTimestamp(turn.feedback?.updatedAt ?? turn.startedAt)}
              {turn.feedback?.comment ? ` — “${turn.feedback.comment}”` : ''}
            </span>
            <span className="block truncate text-slate-400">
              {turn.sources.map((source) => `${source.collection}/${source.source}`).join(', ') ||
                'no sources'}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
