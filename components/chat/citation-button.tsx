import type { SourcePart } from '@/lib/contracts/ui-message';

/** An inline `[n]` citation that opens the cited passage. */
export function CitationButton({
  source,
  onOpen,
}: {
  source: SourcePart;
  onOpen: (source: SourcePart) => void;
}) {
  return (
    <button
      type="button"
      data-testid="citation"
      data-index={source.index}
      onClick={() => onOpen(source)}
      aria-label={`Source ${source.index}: ${source.title}`}
      title={source.title}
      className="mx-0.5 inline-flex h-5 min-w-5 -translate-y-px items-center justify-center rounded-md bg-indigo-50 px-1 align-middle font-mono text-[0.7rem] font-semibold text-indigo-700 ring-1 ring-indigo-200 transition hover:bg-indigo-100 focus-visible:outline-2 focus-visible:outline-indigo-500"
    >
      {source.index}
    </button>
  );
}
