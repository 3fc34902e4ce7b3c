import { stemmer } from 'stemmer';

/** Only plain lower-case English words are stemmed: identifiers, numbers and other scripts stay exact. */
const stemmablePattern = /^[a-z]{3,}$/;

/**
 * Reduces a lower-case English word to its Porter stem, so "sorting", "sorted" and "sorts" all
 * become "sort". Identifiers with digits or underscores (`utf8`, `read_text`), words of other
 * scripts and words under three letters are returned unchanged, since a stemmer would only mangle them.
 */
export function stem(word: string): string {
  return stemmablePattern.test(word) ? stemmer(word) : word;
}
