import { rankApiNames } from './api-name-index';
import type { LoadedCollection } from './load-collection';
import { reciprocalRankFusion } from './rank-fusion';
import {
  apiNameWeight,
  documentEvidenceWeight,
  documentFusionWeight,
  fusionCandidateCount,
  rrfConstant,
} from './retrieval-tuning';
import { searchVectorIndex } from './vector-index';

export interface CollectionHit {
  /** Position of the chunk in the collection's `chunks`. */
  chunk: number;
  /** Fused relevance, scaled to 0..1 (1 = first in every signal). */
  score: number;
}

function isZero(vector: number[]): boolean {
  return vector.every((value) => value === 0);
}

/** Documents ranked by cosine between the query and each document's mean chunk vector. */
function documentRanks(collection: LoadedCollection, vector: number[]): Int32Array {
  const scores = collection.documents.map((document, position) => {
    let score = 0;
    for (let index = 0; index < vector.length; index += 1) score += document.centroid[index] * vector[index];
    return { position, score };
  });
  scores.sort((left, right) => right.score - left.score);
  const ranks = new Int32Array(collection.documents.length);
  scores.forEach((entry, rank) => {
    ranks[entry.position] = rank;
  });
  return ranks;
}

/**
 * Documents ranked by the passage evidence for them: the summed fused scores of their
 * passages, so a page several of whose sections match outranks a page with one stray match.
 */
function evidenceRanks(
  collection: LoadedCollection,
  passageFusion: Map<number, number>,
): Map<number, number> {
  const totals = new Map<number, number>();
  for (const [chunk, score] of passageFusion) {
    const document = collection.documentOfChunk[chunk];
    totals.set(document, (totals.get(document) ?? 0) + score);
  }
  const ranked = [...totals].sort((left, right) => right[1] - left[1]);
  return new Map(ranked.map(([document], rank) => [document, rank]));
}

/**
 * Hybrid search inside one collection. Passages are ranked by BM25 and by vector similarity
 * (faiss), fused with reciprocal rank fusion; that list is fused again with a document-level
 * ranking (query vs. each document's centroid), so passages from documents that are about the
 * question as a whole rise above stray mentions elsewhere.
 */
export function searchCollection(
  collection: LoadedCollection,
  query: { terms: string[]; vector: number[] },
  limit: number,
): CollectionHit[] {
  const lexical = collection.lexical.search(query.terms, fusionCandidateCount).map((hit) => hit.index);
  const denseAvailable = query.vector.length > 0 && !isZero(query.vector);
  const dense = denseAvailable
    ? searchVectorIndex(collection.vectors, query.vector, fusionCandidateCount).map((hit) => hit.index)
    : [];
  const named = rankApiNames(collection.apiNames, query.terms, lexical, fusionCandidateCount);
  const passageFusion = reciprocalRankFusion([
    { ranking: lexical, weight: 1 },
    { ranking: dense, weight: 1 },
    { ranking: named, weight: apiNameWeight },
  ]);
  const passages = [...passageFusion].sort((left, right) => right[1] - left[1]).map(([chunk]) => chunk);
  if (!passages.length) return [];

  const ranks = denseAvailable ? documentRanks(collection, query.vector) : undefined;
  const evidence = evidenceRanks(collection, passageFusion);
  const best = (1 + (ranks ? documentFusionWeight : 0) + documentEvidenceWeight) / (rrfConstant + 1);
  return passages
    .map((chunk, rank) => {
      const document = collection.documentOfChunk[chunk];
      const documentRank = ranks && document >= 0 ? ranks[document] : undefined;
      const documentScore =
        documentRank === undefined ? 0 : documentFusionWeight / (rrfConstant + documentRank + 1);
      const evidenceScore =
        documentEvidenceWeight / (rrfConstant + (evidence.get(document) ?? passages.length) + 1);
      return { chunk, score: (1 / (rrfConstant + rank + 1) + documentScore + evidenceScore) / best };
    })
    .sort((left, right) => right.score - left.score)
    .slice(0, limit);
}
