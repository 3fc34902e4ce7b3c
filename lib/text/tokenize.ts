import { stem } from './stem';
import { isStopword } from './stopwords';

/**
 * Version of what {@link tokenize} produces. Indexes store its terms (the BM25 postings, the
 * local embedder's vocabulary), so bump it whenever the word pattern, the stopwords or the
 * stemmer change: an index built with other terms is then rebuilt by the next ingest instead
 * of being searched with terms it does not hold. 2: the stemmer package. 3: identifiers also
 * split where letters meet digits.
 */
export const textAnalyzerVersion = 3;

const wordPattern = /[\p{L}\p{N}_]+/gu;
/** Inside identifiers: camelCase humps, underscores, and letters meeting digits (`b64encode`, `sha256`). */
const camelBoundary =
  /(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|_+|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u;
/** Longer "words" are hashes, base64 or minified code, never something a question names. */
const maxWordLength = 40;

/** Lower-cased words of `text`, keeping identifiers such as `__name__` and `readFile` whole. */
export function words(text: string): string[] {
  return text.toLowerCase().match(wordPattern) ?? [];
}

/** True for a lower-case word that can name a topic: two to forty characters and not a stopword. */
export function isContentWord(word: string): boolean {
  return word.length >= 2 && word.length <= maxWordLength && !isStopword(word);
}

/**
 * Splits text into search terms: lowercased, Porter-stemmed words without stopwords.
 * Identifiers are split too (`randomUUID` -> random, uuid, randomuuid; `read_text` -> read,
 * text, read_text; `b64encode` -> 64, encode, b64encode) so both natural phrasing and exact API names match, unless
 * `splitIdentifiers` is false (names such as "JavaScript" then stay whole).
 */
export function tokenize(text: string, options: { splitIdentifiers?: boolean } = {}): string[] {
  const terms: string[] = [];
  for (const match of text.matchAll(wordPattern)) {
    const word = match[0];
    const lower = word.toLowerCase();
    const parts = options.splitIdentifiers === false ? [word] : word.split(camelBoundary).filter(Boolean);
    if (parts.length > 1) {
      if (lower.length <= maxWordLength) terms.push(lower);
      for (const part of parts) {
        const partLower = part.toLowerCase();
        if (partLower.length > 1 && !isStopword(partLower)) terms.push(stem(partLower));
      }
      continue;
    }
    if (isContentWord(lower)) terms.push(stem(lower));
  }
  return terms;
}
