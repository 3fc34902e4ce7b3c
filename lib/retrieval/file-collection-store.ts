import type { CollectionStore } from '../contracts/stores';
import { activeVersion, listCollectionNames, publishVersion } from './collection-store';

/**
 * Collections on the local file system: a directory per index version under DATA_DIR, and a
 * symlink per collection naming its active version (swapped by one atomic rename).
 */
export const fileCollectionStore: CollectionStore = {
  listNames: listCollectionNames,
  activeVersion,
  publish: publishVersion,
};

/** The collection store this process uses: the embedded one until a shared store is configured. */
export function getCollectionStore(): CollectionStore {
  return fileCollectionStore;
}
