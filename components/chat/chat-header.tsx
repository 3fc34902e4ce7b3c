import { Icon } from './icon';

/** Top bar: app name, link to the dashboard, and New chat. */
export function ChatHeader({ onNewChat, canReset }: { onNewChat: () => void; canReset: boolean }) {
  return (
    <header className="border-b border-slate-200 bg-white/80 backdrop-blur">
      <div className="mx-auto flex h-14 w-full max-w-3xl items-center justify-between gap-3 px-4 sm:px-6">
        <h1 className="flex items-center gap-2 text-base font-semibold text-slate-900">
          <span className="flex size-7 items-center justify-center rounded-lg bg-indigo-600 text-white">
            <Icon name="book" />
          </span>
          Docs Chat
        </h1>
        <nav className="flex items-center gap-1" aria-label="Chat actions">
          <a
            href="/dashboard"
            className="inline-flex items-center gap-1.5 rounded-lg px-2.5 py-1.5 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900"
          >
            <Icon name="chart" />
            <span className="hidden sm:inline">Dashboard</span>
            <span className="sr-only sm:hidden">Dashboard</span>
          </a>
          <button
            type="button"
            data-testid="new-chat-button"
            onClick={onNewChat}
            disabled={!canReset}
            className="inline-flex items-center gap-1.5 rounded-lg border border-slate-200 bg-white px-2.5 py-1.5 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:opacity-50"
          >
            <Icon name="plus" />
            New chat
          </button>
        </nav>
      </div>
    </header>
  );
}
