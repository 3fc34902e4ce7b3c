import type { FeedbackRating } from '@/lib/contracts/dashboard';

/** A user's rating as a small coloured label (no emoji: not every system font has them). */
export function RatingBadge({ rating }: { rating: FeedbackRating }) {
  return (
    <span
      data-testid="turn-rating"
      data-rating={rating}
      className={`whitespace-nowrap rounded px-1.5 py-px text-[11px] font-medium ring-1 ${
        rating === 'up'
          ? 'bg-emerald-50 text-emerald-700 ring-emerald-200'
          : 'bg-rose-50 text-rose-700 ring-rose-200'
      }`}
    >
      {rating === 'up' ? '▲ helpful' : '▼ not helpful'}
    </span>
  );
}
