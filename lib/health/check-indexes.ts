import type { HealthComponent } from '../contracts/dashboard';
import { toAppError } from '../errors';
import { getEmbedderProvider } from '../providers/registry';
import { getCollectionStore } from '../retrieval/file-collection-store';
import { loadCollection } from '../retrieval/load-collection';
import { timed } from './timed';

/**
 * One component per collection: its index loads (from the process cache after the first
 * time) with the configured embedder. A failing collection is `degraded` while others still
 * answer; `down` when none can, when nothing has been ingested, or when the collections
 * directory cannot be read.
 */
export async function checkIndexes(): Promise<HealthComponent[]> {
  let names: string[];
  try {
    names = await getCollectionStore().listNames();
  } catch (error) {
    // Unreadable is not "nothing ingested": say so, so nobody re-ingests over a permission problem.
    return [
      {
        name: 'index',
        kind: 'index',
        status: 'down',
        latencyMs: 0,
        detail: `${toAppError(error).detail ?? 'collections directory unreadable'}: check the permissions of DATA_DIR`,
      },
    ];
  }
  if (names.length === 0) {
    return [
      {
        name: 'index',
        kind: 'index',
        status: 'down',
        latencyMs: 0,
        detail:
          'no collections ingested: run npm run setup, or npm run ingest -- <folder> --collection <name>',
      },
    ];
  }
  const provider = getEmbedderProvider();
  const results = await Promise.all(
    names.map(async (name) => {
      const [outcome, latencyMs] = await timed(() =>
        loadCollection(name, provider).then(
          (loaded) => ({
            ok: true as const,
            detail: `loaded: ${loaded.chunks.length} chunks, ${loaded.manifest.embedder}`,
          }),
          (error: unknown) => ({
            ok: false as const,
            detail: toAppError(error).detail ?? toAppError(error).message,
          }),
        ),
      );
      return { name, latencyMs, ...outcome };
    }),
  );
  const anyUsable = results.some((result) => result.ok);
  return results.map((result) => ({
    name: `index:${result.name}`,
    kind: 'index',
    status: result.ok ? 'healthy' : anyUsable ? 'degraded' : 'down',
    latencyMs: result.latencyMs,
    detail: result.detail,
  }));
}
