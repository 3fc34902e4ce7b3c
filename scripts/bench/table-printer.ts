import { type Figure, verdict } from './targets';

/** A titled group of figures, printed under its own heading. */
export interface Section {
  title: string;
  figures: Figure[];
}

function formatNumber(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** A value with its unit, e.g. `4.20 ms`, `0.98` (ratio), `n/a`. */
export function formatValue(value: number | null, unit: string): string {
  if (value === null) return 'n/a';
  return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
}

const verdictLabel = {
  met: 'ok',
  missed: 'MISSED',
  'not measured': 'NOT MEASURED',
  'no target': '',
} as const;

/**
 * Renders sections of figures as one aligned plain-text table: metric, measured value,
 * target and verdict, with a heading line per section.
 */
export function formatTable(sections: readonly Section[]): string {
  const header = ['Metric', 'Value', 'Target', 'Result'];
  const rows = sections.flatMap((section) => [
    [section.title],
    ...section.figures.map((figure) => [
      `  ${figure.label}`,
      formatValue(figure.value, figure.unit),
      figure.target ? `${figure.target.comparison} ${formatValue(figure.target.limit, figure.unit)}` : '',
      verdictLabel[verdict(figure)],
    ]),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.filter((row) => row.length > 1).map((row) => row[column].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 1 || column === 2 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]),
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(header), rule, ...rows.map((row) => (row.length === 1 ? row[0] : line(row)))].join('\n');
}

/** A plain grid: the first column left-aligned, the others right-aligned. */
export function formatGrid(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    widths
      .map((width, column) =>
        column === 0 ? (cells[column] ?? '').padEnd(width) : (cells[column] ?? '').padStart(width),
      )
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}
