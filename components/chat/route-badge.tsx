import { formatPercent } from '@/lib/chat-ui/format-metrics';
import type { RouteDecision } from '@/lib/contracts/retrieval';
import { Icon } from './icon';

/** Which collection(s) the question went to, and why (in the tooltip and for screen readers). */
export function RouteBadge({ route }: { route: RouteDecision }) {
  const collections = route.collections.length > 0 ? route.collections.join(' + ') : 'no collection';
  const label = route.pinned ? `Pinned to ${collections}` : `Routed to ${collections}`;
  return (
    <p
      data-testid="route"
      data-collections={route.collections.join(',')}
      data-pinned={route.pinned}
      title={route.reason}
      className="inline-flex max-w-full items-center gap-1.5 rounded-full bg-slate-100 px-2.5 py-0.5 text-xs text-slate-600"
    >
      <Icon name="route" className="size-3.5 shrink-0" />
      <span className="truncate">
        {label}
        {route.pinned ? null : (
          <span className="text-slate-400"> · {formatPercent(route.confidence)} sure</span>
        )}
      </span>
      <span className="sr-only">. {route.reason}</span>
    </p>
  );
}
