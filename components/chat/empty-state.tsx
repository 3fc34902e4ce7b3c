import { Icon } from './icon';

const examples = [
  'How do I cancel a fetch request in JavaScript?',
  'How do I sort a list of dicts by a key in Python?',
  'What is the difference between ES modules and CommonJS?',
  'How do I write a context manager?',
];

/** The welcome screen: what the app does and a few questions to try. */
export function EmptyState({ onAsk }: { onAsk: (question: string) => void }) {
  return (
    <section className="flex flex-col items-center py-10 text-center sm:py-16">
      <div className="flex size-12 items-center justify-center rounded-2xl bg-gradient-to-br from-indigo-500 to-violet-500 text-white shadow-md">
        <Icon name="book" className="size-6" />
      </div>
      <h2 className="mt-4 text-xl font-semibold text-slate-900 sm:text-2xl">Ask the documentation</h2>
      <p className="mt-2 max-w-md text-sm text-slate-600">
        Answers are written from the indexed docs, streamed as they are written, and cite their sources. Click
        a number to read the passage.
      </p>
      <ul className="mt-6 grid w-full max-w-xl gap-2 sm:grid-cols-2">
        {examples.map((question) => (
          <li key={question}>
            <button
              type="button"
              onClick={() => onAsk(question)}
              className="h-full w-full rounded-xl border border-slate-200 bg-white px-4 py-3 text-left text-sm text-slate-700 shadow-xs transition hover:border-indigo-300 hover:bg-indigo-50/50 focus-visible:outline-2 focus-visible:outline-indigo-500"
            >
              {question}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
