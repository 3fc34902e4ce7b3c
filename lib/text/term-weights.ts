import { containsTerm } from './query-terms';

/** A question term and how much finding it says about a piece of text. */
export interface TermWeight {
  term: string;
  weight: number;
}

/**
 * Weighs each term by how rare it is among `termLists` (one list per sentence, passage or
 * document): log(1 + count / lists containing it), so the topic word every sentence repeats
 * counts less than the specific one. A term found nowhere weighs 0. Matching is
 * {@link containsTerm}, the same as when the weights are applied.
 */
export function rarityWeights(
  terms: readonly string[],
  termLists: readonly (readonly string[])[],
): TermWeight[] {
  return terms.map((term) => {
    const frequency = termLists.filter((list) => containsTerm(list, term)).length;
    return { term, weight: frequency ? Math.log(1 + termLists.length / frequency) : 0 };
  });
}
