import { stem } from './stem';
import { isReferenceWord, isRequestWord } from './stopwords';
import { isContentWord, tokenize, words } from './tokenize';

/** Shorter stems are too common as prefixes ("list" / "listen") to count as the same thing. */
const minimumPrefixMatch = 5;

/** True for a lower-case word of a question that names what it asks about. */
function isTopicWord(word: string): boolean {
  return isContentWord(word) && !isRequestWord(word) && !isReferenceWord(word);
}

/**
 * The distinct topic terms of a question in order of appearance: stemmed like the terms
 * retrieval searches with, without request phrasing or references back, and with identifiers
 * kept whole (a question naming "JavaScript" counts it once).
 */
export function contentTerms(text: string): string[] {
  return [...new Set(contentWords(text).map(stem))];
}

/** The distinct topic words of a question as written (lower case, unstemmed), in order of appearance. */
export function contentWords(text: string): string[] {
  return [...new Set(words(text).filter(isTopicWord))];
}

/** True when `text` refers back with a pronoun such as it, that or them. */
export function hasReferenceWord(text: string): boolean {
  return words(text).some(isReferenceWord);
}

/**
 * The distinct terms of `text` including the parts of identifiers, exactly as retrieval indexes
 * a passage, so a question about "reading a file" meets `fs.readFile` in code. Meant for
 * passages: splitting the question too would count a word such as "JavaScript" three times.
 */
export function expandedTerms(text: string): string[] {
  return [...new Set(tokenize(text))];
}

/** True when two stems name the same thing: equal, or one a long-enough prefix of the other. */
export function termsMatch(questionTerm: string, textTerm: string): boolean {
  if (questionTerm === textTerm) return true;
  const [shorter, longer] =
    questionTerm.length <= textTerm.length ? [questionTerm, textTerm] : [textTerm, questionTerm];
  return shorter.length >= minimumPrefixMatch && longer.startsWith(shorter);
}

/** True when any of `terms` matches `term` (see {@link termsMatch}). */
export function containsTerm(terms: readonly string[], term: string): boolean {
  return terms.some((candidate) => termsMatch(term, candidate));
}
