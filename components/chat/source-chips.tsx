import type { SourcePart } from '@/lib/contracts/ui-message';

interface SourceChipsProps {
  sources: SourcePart[];
  lowConfidence: boolean;
  onOpen: (source: SourcePart) => void;
}

/** The numbered sources of an answer; each chip opens its passage. */
export function SourceChips({ sources, lowConfidence, onOpen }: SourceChipsProps) {
  // The collection only tells chips apart when the answer drew on more than one.
  const mixed = new Set(sources.map((source) => source.collection)).size > 1;
  return (
    <section data-testid="sources" aria-label="Sources" className="mt-3">
      <h3 className="mb-1.5 text-xs font-medium uppercase tracking-wide text-slate-500">Sources</h3>
      {sources.length === 0 ? (
        <p className="text-sm text-slate-500">No matching passages were found in the documentation.</p>
      ) : (
        <ul className="flex flex-wrap gap-1.5">
          {sources.map((source) => (
            <li key={source.index} className="max-w-full sm:max-w-sm">
              <button
                type="button"
                data-testid="source-chip"
                data-index={source.index}
                data-collection={source.collection}
                data-source={source.source}
                data-title={source.title}
                onClick={() => onOpen(source)}
                title={`${source.title}${source.heading ? ` › ${source.heading}` : ''} (${source.collection}/${source.source})`}
                className="flex max-w-full items-center gap-1.5 rounded-full border border-slate-200 bg-white py-1 pr-3 pl-1 text-left text-xs text-slate-700 shadow-xs transition hover:border-indigo-300 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-500"
              >
                <span className="flex size-5 shrink-0 items-center justify-center rounded-full bg-slate-100 font-mono text-[0.7rem] font-semibold text-slate-700">
                  {source.index}
                </span>
                <span className="truncate">
                  {source.title}
                  {source.heading && source.heading !== source.title ? (
                    <span className="text-slate-400"> › {source.heading}</span>
                  ) : null}
                </span>
                {mixed ? (
                  <span className="hidden shrink-0 text-slate-400 sm:inline">· {source.collection}</span>
                ) : null}
              </button>
            </li>
          ))}
        </ul>
      )}
      {lowConfidence ? (
        <p className="mt-2 text-xs text-amber-700">
          These passages are only loosely related; the documentation may not cover this question.
        </p>
      ) : null}
    </section>
  );
}
