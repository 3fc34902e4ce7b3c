import { IndexFlatIP } from 'faiss-node';

/*
 * faiss-node is used directly rather than through LangChain's FaissStore: FaissStore keeps its
 * own docstore and id mapping and saves non-atomically, while this index shares its row order
 * with chunks.json and bm25.json, reuses stored vectors on incremental ingests and is
 * published by an atomic directory swap.
 */

/** Builds an exact inner-product index (cosine on unit vectors) from row-major vectors and saves it. */
export function writeVectorIndex(file: string, vectors: Float32Array, dimensions: number): void {
  const index = new IndexFlatIP(dimensions);
  if (vectors.length) index.add(Array.from(vectors));
  index.write(file);
}

/** Loads an index written by {@link writeVectorIndex}. */
export function readVectorIndex(file: string): IndexFlatIP {
  return IndexFlatIP.read(file);
}

/** The `limit` nearest rows to `query`, best first. faiss throws when asked for more rows than it holds. */
export function searchVectorIndex(
  index: IndexFlatIP,
  query: number[],
  limit: number,
): { index: number; score: number }[] {
  const size = index.ntotal();
  const count = Math.min(limit, size);
  if (count <= 0) return [];
  const { labels, distances } = index.search(query, count);
  const hits: { index: number; score: number }[] = [];
  labels.forEach((label, position) => {
    if (label >= 0) hits.push({ index: label, score: distances[position] });
  });
  return hits;
}
