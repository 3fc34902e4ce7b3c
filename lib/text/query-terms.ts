// Words that carry no topic: question scaffolding, pronouns and filler. Kept short on purpose;
// programming words such as "list", "file" or "error" must stay content terms.
const stopWords = new Set(
  `a about above after again all also am an and any are as at be because been before being below
  between both but by can could did do does doing done down during each either else even ever every
  few for from further get gets getting give go goes going got had has have having he her here hers
  him his how however i if in into is it its itself just kind know let like make makes me might mine
  more most much must my need needs no nor not now of off on once one only or other our ours out over
  own please possible really right same say see she should show so some something still such sure
  tell than thank thanks that the their theirs them then there these they thing things this those
  through to too under until up us use used uses using very via want wants was way ways we well were
  what whats when where whether which while who whom whose why will with within without would yes yet
  you your yours example examples explain work works instead best better good`.split(/\s+/),
);

/** Pronouns and references that make a question depend on the previous turn. */
const referenceWords = new Set(
  'it its that this these those them they their one ones there same above previous former latter'.split(' '),
);

const suffixes = ['ations', 'ation', 'ings', 'ing', 'ies', 'ied', 'ers', 'er', 'ed', 'es', 's', 'ly'];

/** Lower-cased words, keeping identifiers such as `__name__`, `fs.readFile` parts and `async`. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}_$]+/gu) ?? [];
}

/**
 * A light stem so "cancelling", "cancels" and "cancel" meet: strips one common suffix and
 * keeps at least four characters (three for a plural "s": "runs" -> "run", but never "class"
 * or "status"). Not linguistics, just enough for matching.
 */
export function stem(word: string): string {
  for (const suffix of suffixes) {
    if (!word.endsWith(suffix)) continue;
    const base = word.slice(0, -suffix.length);
    if (suffix === 's' ? base.length < 3 || /(s|u|i)$/.test(base) : base.length < 4) continue;
    // "running" -> "run", "stopped" -> "stop"; but "called", "passed" and "classes" keep their
    // natural double letter ("cancelled" -> "cancell" still meets "cancel" as a prefix).
    const doubled =
      /^(ed|ing|er|ers)$/.test(suffix) &&
      base.length > 3 &&
      base.at(-1) === base.at(-2) &&
      !/[lsfz]$/.test(base);
    return doubled ? base.slice(0, -1) : base;
  }
  return word;
}

/** True for a word that names a topic rather than scaffolding the question. */
export function isContentWord(word: string): boolean {
  return !stopWords.has(word) && !referenceWords.has(word) && (word.length > 1 || /\d/.test(word));
}

/** The distinct stems of the content words in `text`, in order of appearance. */
export function contentTerms(text: string): string[] {
  return [...new Set(words(text).filter(isContentWord).map(stem))];
}

/** The distinct content words of `text` as written (lower case), in order of appearance. */
export function contentWords(text: string): string[] {
  return [...new Set(words(text).filter(isContentWord))];
}

/** True when `text` refers back with a pronoun such as it, that or them. */
export function hasReferenceWord(text: string): boolean {
  return words(text).some((word) => referenceWords.has(word));
}

/**
 * Content stems of `text` including the parts of camelCase identifiers, so a question about
 * "reading a file" meets `fs.readFile` in code. Meant for passages: splitting the question too
 * would count a word such as "JavaScript" three times.
 */
export function expandedTerms(text: string): string[] {
  const split = text.replace(/([a-z])([A-Z])/g, '$1 $2');
  return [...new Set([...contentTerms(text), ...contentTerms(split)])];
}

/** True when two stems name the same thing: equal, or one a long-enough prefix of the other. */
export function termsMatch(questionTerm: string, textTerm: string): boolean {
  if (questionTerm === textTerm) return true;
  const [shorter, longer] =
    questionTerm.length <= textTerm.length ? [questionTerm, textTerm] : [textTerm, questionTerm];
  return shorter.length >= 5 && longer.startsWith(shorter);
}
