'use client';

import { useEffect, useRef } from 'react';
import { formatPercent } from '@/lib/chat-ui/format-metrics';
import type { SourcePart } from '@/lib/contracts/ui-message';
import { Icon } from './icon';
import { MarkdownContent } from './markdown-content';

interface SourcePanelProps {
  source: SourcePart | undefined;
  onClose: () => void;
}

/** A modal dialog showing one cited passage and where it comes from. Escape or the backdrop closes it. */
export function SourcePanel({ source, onClose }: SourcePanelProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (source && !dialog.open) dialog.showModal();
    if (!source && dialog.open) dialog.close();
  }, [source]);

  return (
    <dialog
      ref={dialogRef}
      data-testid="source-panel"
      aria-labelledby="source-panel-title"
      onClose={onClose}
      onClick={(event) => {
        if (event.target === event.currentTarget) event.currentTarget.close();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') event.currentTarget.close();
      }}
      className="m-auto mb-0 max-h-[85dvh] w-full max-w-none rounded-t-2xl bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-900/40 backdrop:backdrop-blur-[2px] sm:mb-auto sm:max-w-2xl sm:rounded-2xl"
    >
      {source ? (
        <div className="flex max-h-[85dvh] flex-col">
          <header className="flex items-start gap-3 border-b border-slate-200 px-5 py-4">
            <span className="mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full bg-indigo-600 font-mono text-sm font-semibold text-white">
              {source.index}
            </span>
            <div className="min-w-0 flex-1">
              <h2
                id="source-panel-title"
                data-testid="source-title"
                className="text-base leading-snug font-semibold"
              >
                {source.title}
              </h2>
              {source.heading ? <p className="mt-0.5 text-sm text-slate-600">{source.heading}</p> : null}
              <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
                <span className="rounded bg-slate-100 px-1.5 py-0.5 font-medium text-slate-700">
                  {source.collection}
                </span>
                <code className="break-all">{source.source}</code>
                <span>relevance {formatPercent(source.score)}</span>
                {source.url ? (
                  <a
                    href={source.url}
                    target="_blank"
                    rel="noopener noreferrer"
                    data-testid="source-link"
                    className="font-medium text-indigo-700 underline hover:text-indigo-900"
                  >
                    Open the original page
                  </a>
                ) : null}
              </p>
            </div>
            <button
              type="button"
              onClick={() => dialogRef.current?.close()}
              aria-label="Close source"
              className="rounded-lg p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-500"
            >
              <Icon name="close" className="size-5" />
            </button>
          </header>
          <div data-testid="source-passage" className="overflow-y-auto px-5 py-4 text-sm">
            <MarkdownContent text={source.text} />
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
