import { bm25B, bm25K1 } from './retrieval-tuning';

/** A search hit: position of the document in the index and its score. */
export interface ScoredIndex {
  index: number;
  score: number;
}

/** The serialisable form of a {@link Bm25Index}: postings are delta-free parallel arrays per term. */
export interface Bm25Data {
  terms: string[];
  /** For each term, the documents containing it, ascending. */
  documents: number[][];
  /** For each term, the term frequency in the matching document (same order as `documents`). */
  frequencies: number[][];
  lengths: number[];
}

/** BM25's non-negative inverse document frequency for a term found in `count` of `total` documents. */
export function bm25Idf(count: number, total: number): number {
  return count ? Math.log(1 + (total - count + 0.5) / (count + 0.5)) : 0;
}

/**
 * Okapi BM25 over pre-tokenised documents with an in-memory inverted index. Scoring touches
 * only the postings of the query's terms, so a query over tens of thousands of chunks takes
 * well under a millisecond per term.
 *
 * The postings live in three flat typed arrays (term `t` owns positions `offsets[t]` to
 * `offsets[t + 1]`): one typed array per term would cost more in object headers than the
 * postings themselves (about 24 MB against 7 MB for the two real corpora).
 */
export class Bm25Index {
  private readonly termIds: Map<string, number>;
  private readonly offsets: Int32Array;
  private readonly documents: Int32Array;
  private readonly frequencies: Float32Array;
  private readonly lengths: Float32Array;
  private readonly averageLength: number;

  private constructor(data: Bm25Data) {
    this.termIds = new Map(data.terms.map((term, index) => [term, index]));
    this.offsets = new Int32Array(data.terms.length + 1);
    data.documents.forEach((list, termId) => {
      this.offsets[termId + 1] = this.offsets[termId] + list.length;
    });
    const total = this.offsets[data.terms.length];
    this.documents = new Int32Array(total);
    this.frequencies = new Float32Array(total);
    data.documents.forEach((list, termId) => {
      this.documents.set(list, this.offsets[termId]);
      this.frequencies.set(data.frequencies[termId], this.offsets[termId]);
    });
    this.lengths = Float32Array.from(data.lengths);
    const lengthSum = data.lengths.reduce((sum, length) => sum + length, 0);
    this.averageLength = data.lengths.length ? lengthSum / data.lengths.length : 0;
  }

  /** Builds an index from token lists, one per document, in document order. */
  static build(tokenLists: string[][]): Bm25Index {
    const termIds = new Map<string, number>();
    const documents: number[][] = [];
    const frequencies: number[][] = [];
    tokenLists.forEach((tokens, documentIndex) => {
      const counts = new Map<string, number>();
      for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
      for (const [term, count] of counts) {
        let termId = termIds.get(term);
        if (termId === undefined) {
          termId = termIds.size;
          termIds.set(term, termId);
          documents.push([]);
          frequencies.push([]);
        }
        documents[termId].push(documentIndex);
        frequencies[termId].push(count);
      }
    });
    return new Bm25Index({
      terms: [...termIds.keys()],
      documents,
      frequencies,
      lengths: tokenLists.map((tokens) => tokens.length),
    });
  }

  /** Restores an index saved with {@link Bm25Index.toData}. */
  static fromData(data: Bm25Data): Bm25Index {
    return new Bm25Index(data);
  }

  toData(): Bm25Data {
    const terms = [...this.termIds.keys()];
    const slice = (values: Int32Array | Float32Array, termId: number) =>
      Array.from(values.subarray(this.offsets[termId], this.offsets[termId + 1]));
    return {
      terms,
      documents: terms.map((_, termId) => slice(this.documents, termId)),
      frequencies: terms.map((_, termId) => slice(this.frequencies, termId)),
      lengths: Array.from(this.lengths),
    };
  }

  get size(): number {
    return this.lengths.length;
  }

  /** How many documents contain `term`. */
  documentFrequency(term: string): number {
    const termId = this.termIds.get(term);
    return termId === undefined ? 0 : this.offsets[termId + 1] - this.offsets[termId];
  }

  /** Inverse document frequency of a term (0 when unknown), BM25's non-negative variant. */
  idf(term: string): number {
    return bm25Idf(this.documentFrequency(term), this.size);
  }

  /**
   * Scores every document containing at least one query term; returns the best `limit`, best
   * first. `termWeight` replaces the index's own IDF, so scores of several indexes that share
   * one weighting can be compared.
   */
  search(
    queryTerms: string[],
    limit: number,
    termWeight: (term: string) => number = (term) => this.idf(term),
  ): ScoredIndex[] {
    const scores = new Float64Array(this.size);
    const touched: number[] = [];
    for (const term of new Set(queryTerms)) {
      const termId = this.termIds.get(term);
      if (termId === undefined) continue;
      const idf = termWeight(term);
      const end = this.offsets[termId + 1];
      for (let position = this.offsets[termId]; position < end; position += 1) {
        const document = this.documents[position];
        const frequency = this.frequencies[position];
        const norm = bm25K1 * (1 - bm25B + (bm25B * this.lengths[document]) / this.averageLength);
        if (scores[document] === 0) touched.push(document);
        scores[document] += (idf * frequency * (bm25K1 + 1)) / (frequency + norm);
      }
    }
    return touched
      .map((index) => ({ index, score: scores[index] }))
      .sort((left, right) => right.score - left.score)
      .slice(0, limit);
  }
}
