export interface TurnFilterValues {
  status?: string;
  route?: string;
  model?: string;
}

const fields = [
  { key: 'status', label: 'Status' },
  { key: 'route', label: 'Route' },
  { key: 'model', label: 'Model' },
] as const;

/** Status, route and model filters for the recent-turns table. */
export function TurnFilters({
  value,
  options,
  onChange,
}: {
  value: TurnFilterValues;
  options: { statuses: string[]; routes: string[]; models: string[] };
  onChange: (value: TurnFilterValues) => void;
}) {
  const choices = { status: options.statuses, route: options.routes, model: options.models };
  return (
    <div className="flex flex-wrap gap-2">
      {fields.map((field) => {
        const selected = value[field.key];
        const list =
          selected && !choices[field.key].includes(selected)
            ? [selected, ...choices[field.key]]
            : choices[field.key];
        return (
          <label key={field.key} className="flex items-center gap-1 text-xs text-slate-600">
            {field.label}
            <select
              data-testid={`filter-${field.key}`}
              value={selected ?? ''}
              onChange={(event) => onChange({ ...value, [field.key]: event.target.value || undefined })}
              className="max-w-40 rounded-md border border-slate-200 bg-white px-1.5 py-1 text-xs text-slate-800"
            >
              <option value="">All</option>
              {list.map((choice) => (
                <option key={choice} value={choice}>
                  {choice}
                </option>
              ))}
            </select>
          </label>
        );
      })}
    </div>
  );
}
