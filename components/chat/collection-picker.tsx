import type { CollectionInfo } from '@/lib/contracts/retrieval';

interface CollectionPickerProps {
  value: string;
  onChange: (value: string) => void;
  collections: CollectionInfo[];
  failed: boolean;
}

/** Where to search: Auto (the router decides) or one pinned collection. */
export function CollectionPicker({ value, onChange, collections, failed }: CollectionPickerProps) {
  const selected = collections.find((collection) => collection.name === value);
  return (
    <div className="flex min-w-0 items-center gap-1.5">
      <label htmlFor="collection-picker" className="shrink-0 pl-2 text-xs font-medium text-slate-500">
        Search
      </label>
      <select
        id="collection-picker"
        data-testid="collection-picker"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        title={
          selected?.description ?? (failed ? 'Could not load the collection list' : 'Let the router choose')
        }
        className="min-w-0 max-w-[11rem] truncate rounded-lg border border-slate-200 bg-slate-50 py-1 pr-7 pl-2 text-sm text-slate-700 hover:border-slate-300 focus:border-indigo-400 focus:outline-none"
      >
        <option value="auto">Auto</option>
        {collections.map((collection) => (
          <option key={collection.name} value={collection.name}>
            {collection.name}
          </option>
        ))}
      </select>
    </div>
  );
}
