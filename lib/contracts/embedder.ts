/** Turns text into vectors. Every index records the `id` of the embedder that built it. */
export interface Embedder {
  readonly id: string;
  readonly dimensions: number;
  embedDocuments(texts: string[], signal?: AbortSignal): Promise<number[][]>;
  embedQuery(text: string, signal?: AbortSignal): Promise<number[]>;
}

/** An embedder fitted to one collection, plus whatever it must save to embed queries later. */
export interface TrainedEmbedder {
  embedder: Embedder;
  /** Learned state (the local embedder's vocabulary and projection); undefined when stateless. */
  state?: Uint8Array;
  /** Vectors of the training texts when training computed them anyway (saves a second pass). */
  vectors?: number[][];
}

/**
 * Makes the embedder for a collection. Local embedders learn corpus statistics in `train`
 * (at ingest time) and rebuild from the saved state in `load` (at query time); remote
 * embedders ignore both. `id` is what every index records.
 */
export interface EmbedderProvider {
  readonly id: string;
  train(texts: string[], signal?: AbortSignal): Promise<TrainedEmbedder>;
  load(state: Uint8Array | undefined): Embedder;
}
