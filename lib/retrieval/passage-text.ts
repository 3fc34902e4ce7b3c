/**
 * The text that is embedded and indexed for a chunk: its document title and heading path come
 * first, because a passage under "timeit > Examples" is about timeit even if it never says so.
 */
export function passageText(chunk: { title: string; heading: string; text: string }): string {
  return `${chunk.title}\n${chunk.heading}\n\n${chunk.text}`;
}
