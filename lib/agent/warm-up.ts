import { logger } from '../logger';
import { countTokens } from '../prompts/token-count';
import { listCollections, retrieve } from '../retrieval/retrieve';

/**
 * Loads every collection's index and the tokenizer once at server start, so the first user
 * does not wait for them. Never throws: a missing index is reported when a question arrives.
 */
export async function warmUp(): Promise<void> {
  const started = performance.now();
  try {
    countTokens('warm up');
    // Pinned searches load each index without routing, which could call a model.
    const collections = await listCollections();
    for (const collection of collections) {
      await retrieve({ query: 'getting started', collection: collection.name, k: 1 });
    }
    logger.info('warm_up_done', {
      collections: collections.length,
      ms: Math.round(performance.now() - started),
    });
  } catch (error) {
    logger.warn('warm_up_skipped', { error });
  }
}
