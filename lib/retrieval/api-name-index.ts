import { tokenize } from '../text/tokenize';

/**
 * An API entry's heading: a dotted or called name, optionally `class`, in code marks or not
 * (`os.environ`, `str.join(iterable)`, `` `fs.readFile(path[, options], callback)` ``).
 */
const signaturePattern =
  /^`?(?:(?:abstract|async|class|static)\s+)*([\p{L}_$][\w$]*(?:\.[\p{L}_$][\w$]*)*)(\(|\[|`|$)/u;

/** The words of an API name's last part: `readFileSync` -> read, file, sync. */
function nameTerms(name: string): string[] {
  const spaced = name.replace(/(?<=[a-z0-9])(?=[A-Z])|_+/g, ' ');
  return [...new Set(tokenize(spaced, { splitIdentifiers: false }))];
}

/** For each term, the API entries whose name's last part has it: chunk position and all its terms. */
export type ApiNameIndex = Map<string, { chunk: number; terms: string[] }[]>;

/** Indexes the API entries among `chunks` by the words of their names. */
export function buildApiNameIndex(chunks: readonly { heading: string }[]): ApiNameIndex {
  const index: ApiNameIndex = new Map();
  chunks.forEach((chunk, position) => {
    const leaf = chunk.heading.split(' > ').at(-1)?.trim() ?? '';
    const match = signaturePattern.exec(leaf);
    // A bare word ("Introduction") is a section title, not an API; a dot or a call makes it one.
    if (!match || (!match[1].includes('.') && match[2] !== '(')) return;
    const terms = nameTerms(match[1].split('.').at(-1) ?? '');
    if (!terms.length) return;
    const entry = { chunk: position, terms };
    for (const term of terms) {
      const entries = index.get(term);
      if (entries) entries.push(entry);
      else index.set(term, [entry]);
    }
  });
  return index;
}

/**
 * The API entries whose whole name the question says ("read environment variables" names
 * `os.environ`; "create a server" names `createServer`), most words first, then in the order of
 * `lexical` (the keyword ranking), at most `limit`. The right entry often shares no other word
 * with the question, so this ranking is fused beside the keyword and vector ones.
 */
export function rankApiNames(
  index: ApiNameIndex,
  queryTerms: readonly string[],
  lexical: readonly number[],
  limit: number,
): number[] {
  const asked = new Set(queryTerms);
  const lexicalRank = new Map(lexical.map((chunk, rank) => [chunk, rank]));
  const matches = new Map<number, number>();
  for (const term of asked) {
    for (const entry of index.get(term) ?? []) {
      if (entry.terms.every((word) => asked.has(word))) matches.set(entry.chunk, entry.terms.length);
    }
  }
  return [...matches]
    .sort(
      (left, right) =>
        right[1] - left[1] ||
        (lexicalRank.get(left[0]) ?? lexical.length) - (lexicalRank.get(right[0]) ?? lexical.length) ||
        left[0] - right[0],
    )
    .slice(0, limit)
    .map(([chunk]) => chunk);
}
