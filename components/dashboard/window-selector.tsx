import type { MetricWindowKey } from '@/lib/contracts/dashboard';

const options: { key: MetricWindowKey; label: string }[] = [
  { key: '15m', label: '15 min' },
  { key: '1h', label: '1 h' },
  { key: '24h', label: '24 h' },
  { key: '7d', label: '7 d' },
];

/** Segmented control choosing the dashboard's time window. */
export function WindowSelector({
  value,
  onChange,
}: {
  value: MetricWindowKey;
  onChange: (value: MetricWindowKey) => void;
}) {
  return (
    <fieldset
      data-testid="window-selector"
      className="inline-flex rounded-lg border border-slate-200 bg-white p-0.5"
    >
      <legend className="sr-only">Time window</legend>
      {options.map((option) => (
        <button
          key={option.key}
          type="button"
          data-testid={`window-${option.key}`}
          aria-pressed={value === option.key}
          onClick={() => onChange(option.key)}
          className={`rounded-md px-2.5 py-1 text-xs font-medium tabular-nums focus-visible:outline-2 focus-visible:outline-indigo-500 ${
            value === option.key ? 'bg-indigo-600 text-white' : 'text-slate-600 hover:bg-slate-100'
          }`}
        >
          {option.label}
        </button>
      ))}
    </fieldset>
  );
}
