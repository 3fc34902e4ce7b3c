import { tokenize } from '../text/tokenize';
import type { RouteCandidate } from './route-candidate';

/** The terms a collection names itself by, and the other terms of its description. */
export interface CollectionSelfNames {
  names: Set<string>;
  topics: Set<string>;
}

/**
 * How a collection names itself: its name and the capitalised words of its description
 * ("Python", "Node.js"), kept whole. The other description words are topics.
 */
export function collectionSelfNames(
  candidate: Pick<RouteCandidate, 'name' | 'description'>,
): CollectionSelfNames {
  const capitalised = candidate.description.match(/(?<![\p{L}\p{N}_])\p{Lu}[\p{L}\p{N}_.]*/gu) ?? [];
  const names = new Set(
    tokenize(`${candidate.name.replace(/[-_]/g, ' ')} ${capitalised.join(' ')}`, { splitIdentifiers: false }),
  );
  const topics = new Set(tokenize(candidate.description).filter((term) => !names.has(term)));
  return { names, topics };
}
