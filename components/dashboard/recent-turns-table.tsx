import type { StoredTurn } from '@/lib/contracts/dashboard';
import { formatClock, formatMs, formatTimestamp, formatTokensPerSecond, formatUsd } from './format';
import { RatingBadge } from './rating-badge';
import { StatusBadge } from './status-badge';

/** The latest turns, newest first; a row opens its detail view. */
export function RecentTurnsTable({
  turns,
  withDate,
  onSelect,
}: {
  turns: StoredTurn[];
  withDate: boolean;
  onSelect: (turn: StoredTurn) => void;
}) {
  return (
    <div className="max-h-[30rem] overflow-auto">
      <table data-testid="recent-turns-table" className="w-full text-left text-xs md:min-w-[44rem]">
        <thead className="sticky top-0 bg-white text-slate-500">
          <tr className="border-b border-slate-200">
            <th className="py-1.5 pr-2 font-medium">Time</th>
            <th className="px-2 font-medium">Status</th>
            <th className="hidden px-2 font-medium md:table-cell">Route</th>
            <th className="hidden px-2 font-medium md:table-cell">Model</th>
            <th className="px-2 font-medium text-right">TTFT</th>
            <th className="px-2 font-medium text-right">Tokens/s</th>
            <th className="px-2 font-medium text-right">Latency</th>
            <th className="hidden px-2 font-medium text-right md:table-cell">Out</th>
            <th className="hidden px-2 font-medium text-right md:table-cell">Cost</th>
            <th className="hidden pl-2 font-medium md:table-cell">Rating</th>
          </tr>
        </thead>
        <tbody className="tabular-nums text-slate-700">
          {turns.map((turn) => (
            <tr
              key={turn.id}
              data-testid="turn-row"
              data-turn-id={turn.id}
              data-status={turn.status}
              data-ttft-ms={turn.ttftMs}
              data-latency-ms={turn.latencyMs}
              data-output-tokens={turn.outputTokens}
              data-tokens-per-second={turn.tokensPerSecond}
              onClick={() => onSelect(turn)}
              className="cursor-pointer border-b border-slate-100 hover:bg-indigo-50/50"
            >
              <td className="py-1.5 pr-2 whitespace-nowrap">
                <button
                  type="button"
                  data-testid="turn-open"
                  onClick={(event) => {
                    event.stopPropagation();
                    onSelect(turn);
                  }}
                  className="text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500"
                >
                  {withDate ? formatTimestamp(turn.startedAt) : formatClock(turn.startedAt)}
                </button>
              </td>
              <td className="px-2">
                <StatusBadge status={turn.status} />
                {turn.cacheHit ? <span className="ml-1 text-[11px] text-emerald-700">cached</span> : null}
                {turn.fallbackUsed ? <span className="ml-1 text-[11px] text-amber-700">fallback</span> : null}
              </td>
              <td className="hidden px-2 whitespace-nowrap md:table-cell">{turn.route}</td>
              <td className="hidden px-2 whitespace-nowrap md:table-cell">{turn.model}</td>
              <td className="px-2 text-right" data-testid="turn-ttft">
                {turn.ttftMs !== null && turn.ttftMs > 0 ? formatMs(turn.ttftMs) : '–'}
              </td>
              <td className="px-2 text-right" data-testid="turn-tokens-per-second">
                {formatTokensPerSecond(turn.tokensPerSecond)}
              </td>
              <td className="px-2 text-right">{formatMs(turn.latencyMs)}</td>
              <td className="hidden px-2 text-right md:table-cell">{turn.outputTokens}</td>
              <td className="hidden px-2 text-right md:table-cell">{formatUsd(turn.costUsd)}</td>
              <td className="hidden pl-2 md:table-cell">
                {turn.feedback ? <RatingBadge rating={turn.feedback.rating} /> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
