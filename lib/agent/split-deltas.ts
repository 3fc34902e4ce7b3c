/** Characters per text delta: small enough to render progressively, large enough to be cheap. */
const defaultDeltaChars = 64;

/**
 * Splits text into pieces of about `size` characters, cutting after whitespace where possible,
 * so a cached answer streams like a generated one, only without the waiting.
 */
export function splitIntoDeltas(text: string, size = defaultDeltaChars): string[] {
  const deltas: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      const space = text.lastIndexOf(' ', end);
      if (space > start) end = space + 1;
    }
    deltas.push(text.slice(start, end));
    start = end;
  }
  return deltas;
}
