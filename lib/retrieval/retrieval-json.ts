import type { RetrievalResult } from '../contracts/retrieval';
import { type RetrieveParams, retrieve } from './retrieve';

/** The public JSON of a retrieval, shared by `npm run query -- --json` and `POST /api/retrieve`. */
export interface RetrievalJson {
  route: { collections: string[]; scores: Record<string, number>; reason: string };
  sources: {
    collection: string;
    source: string;
    title: string;
    heading: string;
    score: number;
    text: string;
  }[];
}

/** Narrows a retrieval result to the documented JSON shape. */
export function toRetrievalJson(result: RetrievalResult): RetrievalJson {
  const { collections, scores, reason } = result.route;
  return {
    route: { collections, scores, reason },
    sources: result.sources.map(({ collection, source, title, heading, score, text }) => ({
      collection,
      source,
      title,
      heading,
      score,
      text,
    })),
  };
}

/** Routes and retrieves, returning the documented JSON shape. */
export async function retrieveJson(params: RetrieveParams): Promise<RetrievalJson> {
  return toRetrievalJson(await retrieve(params));
}
