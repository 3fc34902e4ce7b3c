import { porterStem } from './porter-stemmer';

/** Common English function words plus question phrasing ("how do I ..."), which carry no topic. */
const stopwords = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between ' +
    'both but by can could did do does doing down during each few for from further had has have having he her ' +
    'here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not ' +
    'now of off on once only or other our ours ourselves out over own same she should so some such than that the ' +
    'their theirs them themselves then there these they this those through to too under until up very was we ' +
    'were what when where which while who whom why will with would you your yours yourself yourselves ' +
    'also etc ie eg let lets want need way ways'
  ).split(' '),
);

const wordPattern = /[\p{L}\p{N}_]+/gu;
const camelBoundary = /(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|_+/;

/** True for words that say nothing about the topic of a question or passage. */
export function isStopword(word: string): boolean {
  return stopwords.has(word);
}

/**
 * Splits text into search terms: lowercased, Porter-stemmed words without stopwords.
 * Identifiers are split too (`randomUUID` -> random, uuid, randomuuid; `read_text` -> read,
 * text, read_text) so both natural phrasing and exact API names match, unless
 * `splitIdentifiers` is false (names such as "JavaScript" then stay whole).
 */
export function tokenize(text: string, options: { splitIdentifiers?: boolean } = {}): string[] {
  const terms: string[] = [];
  for (const match of text.matchAll(wordPattern)) {
    const word = match[0];
    const lower = word.toLowerCase();
    const parts = options.splitIdentifiers === false ? [word] : word.split(camelBoundary).filter(Boolean);
    if (parts.length > 1) {
      if (lower.length <= 40) terms.push(lower);
      for (const part of parts) {
        const partLower = part.toLowerCase();
        if (partLower.length > 1 && !stopwords.has(partLower)) terms.push(porterStem(partLower));
      }
      continue;
    }
    if (lower.length < 2 || lower.length > 40 || stopwords.has(lower)) continue;
    terms.push(porterStem(lower));
  }
  return terms;
}
