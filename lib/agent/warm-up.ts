import { logger } from '../logger';
import { primePassageTokens } from '../prompts/prime-passage-tokens';
import { countTokens } from '../prompts/token-count';
import { getAnswerModel } from '../providers/registry';
import { configuredEmbedderProvider, loadCollection } from '../retrieval/load-collection';
import { listCollections, retrieve } from '../retrieval/retrieve';

/**
 * Loads every collection's index and the tokenizer once at server start, so the first user
 * does not wait for them, then counts every passage's prompt tokens in the background (a
 * turn then only counts its passage headers). Never throws: a missing index is reported when
 * a question arrives.
 */
export async function warmUp(): Promise<void> {
  const started = performance.now();
  try {
    const model = getAnswerModel().id;
    countTokens('warm up', model);
    // Pinned searches load each index without routing, which could call a model.
    const collections = await listCollections();
    for (const collection of collections) {
      await retrieve({ query: 'getting started', collection: collection.name, k: 1 });
    }
    logger.info('warm_up_done', {
      collections: collections.length,
      ms: Math.round(performance.now() - started),
    });
    await primeCollections(
      collections.map((collection) => collection.name),
      model,
    );
  } catch (error) {
    logger.warn('warm_up_skipped', { error });
  }
}

async function primeCollections(names: string[], model: string): Promise<void> {
  const started = performance.now();
  let passages = 0;
  for (const name of names) {
    const loaded = await loadCollection(name, configuredEmbedderProvider());
    passages += await primePassageTokens(
      loaded.chunks.map((chunk) => ({ ...chunk, collection: name })),
      undefined,
      model,
    );
  }
  logger.info('passage_tokens_primed', { passages, ms: Math.round(performance.now() - started) });
}
