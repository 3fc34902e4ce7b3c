/** A limit a figure should respect, e.g. `{ comparison: '<=', limit: 10 }` for "<= 10 ms". */
export interface Target {
  comparison: '<=' | '>=';
  limit: number;
}

/** One reported number, with its unit and (when the issue sets one) its target. */
export interface Figure {
  /** Stable key in bench-results.json, e.g. `ttft_overhead.api_chat.c1.p50`. */
  key: string;
  label: string;
  value: number | null;
  unit: string;
  target?: Target;
}

export type Verdict = 'met' | 'missed' | 'not measured' | 'no target';

/** Whether a figure meets its target; a figure that could not be measured is not a pass. */
export function verdict(figure: Figure): Verdict {
  if (!figure.target) return figure.value === null ? 'not measured' : 'no target';
  if (figure.value === null) return 'not measured';
  return (
    figure.target.comparison === '<='
      ? figure.value <= figure.target.limit
      : figure.value >= figure.target.limit
  )
    ? 'met'
    : 'missed';
}

/** The figures whose targets were missed or could not be measured. */
export function shortfalls(figures: readonly Figure[]): Figure[] {
  return figures.filter((figure) => figure.target && verdict(figure) !== 'met');
}
