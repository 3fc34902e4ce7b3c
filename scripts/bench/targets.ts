/** A limit a figure should respect, e.g. `{ comparison: '<=', limit: 10 }` for "<= 10 ms". */
export interface Target {
  comparison: '<=' | '>=';
  limit: number;
  /** The issue that set the target and what it asks for, as written in targets.json. */
  source: string;
}

/** One reported number, with its unit and (when an issue sets one) its target. */
export interface Figure {
  /** Stable key in bench-results.json, e.g. `ttft_overhead.api_chat.c1.p50`. */
  key: string;
  label: string;
  value: number | null;
  unit: string;
  target?: Target;
}

/** A figure's target, with the unit its limit is written in. */
export interface TargetEntry {
  unit: string;
  target: Target;
}

/** Targets by figure key. */
export type TargetTable = ReadonlyMap<string, TargetEntry>;

export type Verdict = 'met' | 'missed' | 'not measured' | 'no target';

/**
 * Puts each figure's target from the table beside it. A target whose unit differs from its
 * figure's would compare different quantities, so it is an error rather than a verdict.
 */
export function withTargets(figures: readonly Figure[], targets: TargetTable): Figure[] {
  return figures.map((figure) => {
    const entry = targets.get(figure.key);
    if (!entry) return figure;
    if (entry.unit !== figure.unit) {
      throw new Error(
        `the target for ${figure.key} is in "${entry.unit}" but the figure is measured in "${figure.unit}"`,
      );
    }
    return { ...figure, target: entry.target };
  });
}

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
