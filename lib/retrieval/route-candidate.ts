/** What the router knows about one collection for one question. */
export interface RouteCandidate {
  name: string;
  description: string;
  /** Number of passages in the collection. */
  passages: number;
  /** Number of passages containing a (stemmed) term. */
  documentFrequency(term: string): number;
  /** Best passage score for the question under weights shared by all candidates (see `sharedTermWeight`). */
  retrievalScore: number;
}
