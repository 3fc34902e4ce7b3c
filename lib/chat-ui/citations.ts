/** A piece of answer text: plain text, or a citation marker pointing at source number `index`. */
export type CitationSegment = { kind: 'text'; value: string } | { kind: 'citation'; index: number };

// Matches `[1]` and grouped forms such as `[1, 2]` or `[1,2,3]`.
const citationPattern = /\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]/g;

/**
 * Splits text into plain runs and citation markers. A group like `[1, 2]` yields one
 * citation segment per number, so each can link to its own source.
 */
export function splitCitations(text: string): CitationSegment[] {
  const segments: CitationSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(citationPattern)) {
    const start = match.index ?? 0;
    if (start > last) segments.push({ kind: 'text', value: text.slice(last, start) });
    for (const number of match[1].split(',')) {
      segments.push({ kind: 'citation', index: Number.parseInt(number.trim(), 10) });
    }
    last = start + match[0].length;
  }
  if (last < text.length) segments.push({ kind: 'text', value: text.slice(last) });
  return segments;
}

/** The distinct source numbers cited in a text, in ascending order. */
export function citedIndexes(text: string): number[] {
  const indexes = new Set<number>();
  for (const segment of splitCitations(text)) {
    if (segment.kind === 'citation') indexes.add(segment.index);
  }
  return [...indexes].sort((left, right) => left - right);
}
