import type { ReactNode } from 'react';

/** A titled dashboard section. */
export function Panel({
  title,
  testId,
  description,
  actions,
  children,
  className = '',
}: {
  title: string;
  testId: string;
  description?: string;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section
      data-testid={testId}
      aria-label={title}
      className={`min-w-0 rounded-xl border border-slate-200 bg-white p-4 shadow-xs ${className}`}
    >
      <header className="mb-3 flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
          {description ? <p className="text-xs text-slate-500">{description}</p> : null}
        </div>
        {actions}
      </header>
      {children}
    </section>
  );
}

/** What a section shows when it has nothing yet, and why. */
export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div
      data-testid="empty-state"
      className="flex min-h-32 flex-col items-center justify-center rounded-lg border border-dashed border-slate-200 bg-slate-50 px-4 py-6 text-center"
    >
      <p className="text-sm font-medium text-slate-700">{title}</p>
      <p className="mt-1 max-w-sm text-xs text-slate-500">{children}</p>
    </div>
  );
}
