import type { TurnStatus } from '@/lib/contracts/turn-record';
import { statusLabel } from './format';

const tones: Record<TurnStatus, string> = {
  ok: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  cancelled: 'bg-slate-100 text-slate-600 ring-slate-200',
  interrupted: 'bg-amber-50 text-amber-800 ring-amber-200',
  timeout: 'bg-rose-50 text-rose-700 ring-rose-200',
  rate_limited: 'bg-rose-50 text-rose-700 ring-rose-200',
  error: 'bg-rose-50 text-rose-700 ring-rose-200',
  in_progress: 'bg-sky-50 text-sky-700 ring-sky-200',
};

/** A turn's status as a coloured pill. */
export function StatusBadge({ status }: { status: TurnStatus }) {
  return (
    <span
      data-testid="status-badge"
      className={`inline-block whitespace-nowrap rounded px-1.5 py-px text-[11px] font-medium ring-1 ${tones[status] ?? tones.error}`}
    >
      {statusLabel(status)}
    </span>
  );
}
