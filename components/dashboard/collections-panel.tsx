import type { CollectionSummary } from '@/lib/contracts/dashboard';
import { formatCount, formatTimestamp } from './format';
import { EmptyState, Panel } from './panel';

/** The ingested collections with their size, embedder and last update. */
export function CollectionsPanel({ collections }: { collections: CollectionSummary[] }) {
  return (
    <Panel title="Collections" testId="collections-panel" description="What the chat can answer from.">
      {collections.length ? (
        <ul className="divide-y divide-slate-100 text-xs">
          {collections.map((collection) => (
            <li
              key={collection.name}
              data-testid="collection-item"
              data-name={collection.name}
              className="py-2"
            >
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <span className="font-medium text-slate-900">{collection.name}</span>
                <span className="text-slate-500">
                  updated{' '}
                  {Number.isNaN(Date.parse(collection.updatedAt))
                    ? collection.updatedAt
                    : formatTimestamp(Date.parse(collection.updatedAt))}
                </span>
              </div>
              {collection.description ? <p className="text-slate-600">{collection.description}</p> : null}
              <p className="mt-0.5 text-slate-500 tabular-nums">
                <span data-testid="collection-documents">{formatCount(collection.documents)}</span> documents
                · <span data-testid="collection-chunks">{formatCount(collection.chunks)}</span> chunks ·{' '}
                {collection.embedder}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState title="No collections yet">
          Ingest documentation with <code>npm run ingest -- &lt;folder&gt; --collection &lt;name&gt;</code>{' '}
          (or <code>npm run setup</code> for the starter corpus); it appears here with its size and embedder.
        </EmptyState>
      )}
    </Panel>
  );
}
