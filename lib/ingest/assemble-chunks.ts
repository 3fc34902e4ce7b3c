import type { StoredChunk, StoredFileState } from '../retrieval/collection-store';

/** Lists chunks in file order, storing identical chunks (same heading and text) once. */
export function assembleChunks(
  files: Map<string, StoredFileState>,
  texts: Map<string, string>,
  previousTexts: Map<string, string>,
): { list: StoredChunk[]; duplicates: number } {
  const list: StoredChunk[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  const sources = [...files.keys()].sort();
  for (const source of sources) {
    const file = files.get(source);
    if (!file) continue;
    for (const chunk of file.chunks) {
      if (seen.has(chunk.id)) {
        duplicates += 1;
        continue;
      }
      seen.add(chunk.id);
      const text = texts.get(chunk.id) ?? previousTexts.get(chunk.id);
      if (text === undefined)
        throw new Error(`chunk ${chunk.id} of ${source} is missing from the previous index`);
      list.push({
        id: chunk.id,
        source,
        title: file.title,
        heading: chunk.heading,
        text,
        ...(chunk.anchor ? { anchor: chunk.anchor } : {}),
      });
    }
  }
  return { list, duplicates };
}
