/** One retrieved passage, with where it came from and its fused relevance score. */
export interface RetrievedChunk {
  id: string;
  collection: string;
  /** Path relative to the ingested directory, e.g. `library/timeit.html`. */
  source: string;
  title: string;
  /** Heading path inside the document, e.g. `Examples > Command-line usage`. */
  heading: string;
  text: string;
  score: number;
  /** Heading paths of the sections `text` holds, best first, when passages of one page were grouped. */
  sections?: string[];
  /** The passage on its original page, when the collection was ingested with a base URL. */
  url?: string;
}

/** Which collections a question goes to, and why. */
export interface RouteDecision {
  collections: string[];
  scores: Record<string, number>;
  reason: string;
  /** 0..1: how sure the router is of its first choice. */
  confidence: number;
  /** True when the user pinned the collection, so no routing happened. */
  pinned: boolean;
}

export interface RetrievalResult {
  route: RouteDecision;
  sources: RetrievedChunk[];
}

/** What the app and the dashboard know about one collection, read from its manifest. */
export interface CollectionInfo {
  name: string;
  description: string;
  documents: number;
  chunks: number;
  embedder: string;
  updatedAt: string;
  /** Changes on every ingest that changes the index; caches key on it. */
  indexVersion: string;
}
