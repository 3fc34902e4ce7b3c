import type { CollectionSummary } from '../contracts/dashboard';
import { listCollections } from '../retrieval/retrieve';

/** Every ingested collection as the dashboard shows it (manifest data), sorted by name. */
export async function listCollectionSummaries(): Promise<CollectionSummary[]> {
  return (await listCollections()).map(({ name, description, documents, chunks, embedder, updatedAt }) => ({
    name,
    description,
    documents,
    chunks,
    embedder,
    updatedAt,
  }));
}
