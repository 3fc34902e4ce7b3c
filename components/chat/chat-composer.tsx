'use client';

import { type FormEvent, type KeyboardEvent, type ReactNode, useEffect, useRef } from 'react';
import { Icon } from './icon';

interface ChatComposerProps {
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  busy: boolean;
  /** Extra controls in the toolbar under the input (the collection picker). */
  toolbar: ReactNode;
}

// The input grows with its text up to this height, then scrolls.
const maxInputHeight = 200;

/** The question box: Enter sends, Shift+Enter adds a line; Stop replaces Send while an answer streams. */
export function ChatComposer({ value, onChange, onSend, onStop, busy, toolbar }: ChatComposerProps) {
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const canSend = value.trim().length > 0 && !busy;

  // biome-ignore lint/correctness/useExhaustiveDependencies: resize whenever the text changes
  useEffect(() => {
    const input = inputRef.current;
    if (!input) return;
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, maxInputHeight)}px`;
  }, [value]);

  useEffect(() => {
    if (!busy) inputRef.current?.focus();
  }, [busy]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (canSend) onSend();
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Keep Enter free while an input method is composing text (e.g. Japanese, Chinese).
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    if (canSend) onSend();
  }

  return (
    <form onSubmit={submit} className="mx-auto w-full max-w-3xl px-3 pb-3 sm:px-6 sm:pb-5">
      <div className="rounded-2xl border border-slate-300 bg-white shadow-sm transition focus-within:border-indigo-400 focus-within:ring-4 focus-within:ring-indigo-100">
        <label htmlFor="chat-input" className="sr-only">
          Ask a question about the documentation
        </label>
        <textarea
          id="chat-input"
          ref={inputRef}
          data-testid="chat-input"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={handleKeyDown}
          rows={1}
          placeholder="Ask about Python or JavaScript…"
          className="block max-h-[200px] w-full resize-none bg-transparent px-4 pt-3.5 pb-2 text-base text-slate-900 placeholder:text-slate-400 focus:outline-none"
        />
        <div className="flex items-center justify-between gap-2 px-2 pb-2">
          <div className="flex min-w-0 items-center gap-2">{toolbar}</div>
          <div className="flex items-center gap-2">
            <span className="hidden text-xs text-slate-400 sm:inline">
              Enter to send · Shift+Enter for a new line
            </span>
            {busy ? (
              <button
                type="button"
                data-testid="stop-button"
                onClick={onStop}
                aria-label="Stop the answer"
                className="inline-flex size-9 items-center justify-center rounded-xl bg-slate-900 text-white shadow-sm transition hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
              >
                <Icon name="stop" className="size-4 fill-current" />
              </button>
            ) : (
              <button
                type="submit"
                data-testid="send-button"
                disabled={!canSend}
                aria-label="Send question"
                className="inline-flex size-9 items-center justify-center rounded-xl bg-indigo-600 text-white shadow-sm transition hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:bg-slate-200 disabled:text-slate-400 disabled:shadow-none"
              >
                <Icon name="send" />
              </button>
            )}
          </div>
        </div>
      </div>
    </form>
  );
}
