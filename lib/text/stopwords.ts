/**
 * The one stopword list, used wherever text is analysed (the search index, queries, grounding,
 * the embedded answerer): English function words that never name a topic. Kept to function
 * words on purpose: documentation uses words such as "example", "get" or "use" meaningfully,
 * and dropping them from the index shifts its ranking.
 */
const stopwords = new Set(
  `a about above after again against all also am an and any are as at be because been before being
  below between both but by can could did do does doing down during each eg etc few for from
  further had has have having he her here hers herself him himself his how i ie if in into is it
  its itself just let lets me more most my myself need no nor not now of off on once only or
  other our ours ourselves out over own same she should so some such than that the their theirs
  them themselves then there these they this those through to too under until up very want was
  way ways we were what when where which while who whom why will with would you your yours
  yourself yourselves`.split(/\s+/),
);

/**
 * Words that phrase a request rather than name its topic ("show me an example", "what's the
 * best way to get…", "how would I use…"). They are dropped when judging what a question asks
 * about (follow-up detection, grounding, the embedded answerer's term weights), never from the
 * search index, where the same words carry meaning.
 */
const requestWords = new Set(
  `best better done either else even ever every example examples explain get gets getting give go
  goes going good got however instead kind know like make makes might mine much must needs please
  possible really right say see show something still sure tell thank thanks thing things us use
  used uses using via wants well whats whether whose within without work works yes yet`.split(/\s+/),
);

/** Pronouns and references that make a question depend on the previous turn. */
const referenceWords = new Set(
  'it its that this these those them they their one ones there same above previous former latter'.split(' '),
);

/** True for a lower-case function word, which says nothing about the topic of a question or passage. */
export function isStopword(word: string): boolean {
  return stopwords.has(word);
}

/** True for a lower-case word that phrases a question ("show", "example", "best") rather than its topic. */
export function isRequestWord(word: string): boolean {
  return requestWords.has(word);
}

/** True for a lower-case word that points back at something said before ("it", "that", "them"). */
export function isReferenceWord(word: string): boolean {
  return referenceWords.has(word);
}
