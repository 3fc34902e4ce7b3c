/** A tiktoken rank file as shipped by js-tiktoken: the pre-split pattern and the merge ranks. */
export interface RankFile {
  pat_str: string;
  bpe_ranks: string;
}

/** Encodes text to tokens and back with one encoding. */
export interface BytePairEncoder {
  /** Tokens of `text`; with `maxTokens`, encoding stops once more than that many are known. */
  encode(text: string, maxTokens?: number): number[];
  decode(tokens: ArrayLike<number>): string;
}

/**
 * Longest run of one character class the pre-split keeps as one piece. Merging a piece costs
 * the square of its length, so a 50,000-space or 4,000-ideograph run left whole held the
 * event loop for seconds; bounded pieces make encoding linear. Ordinary words, indentation and
 * punctuation runs are far shorter, so their counts are exact.
 */
export const maxPieceCharacters = 64;

/**
 * The encoding's pre-split pattern with every open-ended quantifier bounded to `maxRun`
 * repetitions. The `u` flag counts code points, so a piece never ends inside a surrogate pair.
 * Pieces of normal text are unchanged; only longer runs are cut into several pieces.
 */
export function boundPattern(pattern: string, maxRun: number): string {
  // The tiktoken patterns use `+` and `*` only as quantifiers (never inside a class or escaped).
  return pattern.replace(/[+*]/g, (quantifier) => (quantifier === '+' ? `{1,${maxRun}}` : `{0,${maxRun}}`));
}

const utf8 = new TextEncoder();

/** UTF-8 bytes of `text` as a string of one character per byte: a cheap map key and slice. */
function byteString(text: string): string {
  const bytes = utf8.encode(text);
  let result = '';
  for (let position = 0; position < bytes.length; position += 1)
    result += String.fromCharCode(bytes[position]);
  return result;
}

/**
 * Byte-pair merging of one piece, as tiktoken does it: repeatedly join the adjacent pair with
 * the lowest rank (the leftmost on a tie). Only the two pairs beside a merge are looked up
 * again, so a piece of n bytes costs n rank look-ups.
 */
function mergePiece(piece: string, ranks: Map<string, number>, output: number[]): void {
  const starts = Array.from({ length: piece.length + 1 }, (_, position) => position);
  const pairRank = (part: number) =>
    part + 2 < starts.length
      ? (ranks.get(piece.slice(starts[part], starts[part + 2])) ?? Number.POSITIVE_INFINITY)
      : Number.POSITIVE_INFINITY;
  const pairRanks = Array.from({ length: Math.max(0, starts.length - 2) }, (_, part) => pairRank(part));
  while (pairRanks.length > 0) {
    let lowest = Number.POSITIVE_INFINITY;
    let at = -1;
    for (let part = 0; part < pairRanks.length; part += 1) {
      if (pairRanks[part] < lowest) {
        lowest = pairRanks[part];
        at = part;
      }
    }
    if (at < 0) break;
    starts.splice(at + 1, 1);
    pairRanks.splice(at + 1, 1);
    if (at < pairRanks.length) pairRanks[at] = pairRank(at);
    if (at > 0) pairRanks[at - 1] = pairRank(at - 1);
  }
  for (let part = 0; part + 1 < starts.length; part += 1) {
    const rank = ranks.get(piece.slice(starts[part], starts[part + 1]));
    if (rank !== undefined) output.push(rank);
  }
}

/**
 * A byte-pair encoder for a tiktoken rank file whose pieces are bounded to `maxRun` characters
 * (see {@link maxPieceCharacters}). Special-token markers such as `<|endoftext|>` are encoded
 * as plain text, because the text is untrusted data.
 */
export function createBytePairEncoder(rankFile: RankFile, maxRun = maxPieceCharacters): BytePairEncoder {
  const ranks = new Map<string, number>();
  const bytesByRank: string[] = [];
  for (const line of rankFile.bpe_ranks.split('\n')) {
    if (!line) continue;
    // Each line: a prefix, the first rank, then base64 byte sequences of consecutive ranks.
    const fields = line.split(' ');
    const firstRank = Number.parseInt(fields[1], 10);
    for (let field = 2; field < fields.length; field += 1) {
      const bytes = atob(fields[field]);
      ranks.set(bytes, firstRank + field - 2);
      bytesByRank[firstRank + field - 2] = bytes;
    }
  }
  const pattern = new RegExp(boundPattern(rankFile.pat_str, maxRun), 'gu');
  const decoder = new TextDecoder('utf-8');
  return {
    encode(text, maxTokens = Number.POSITIVE_INFINITY) {
      const output: number[] = [];
      for (const match of text.matchAll(pattern)) {
        const piece = byteString(match[0]);
        const rank = ranks.get(piece);
        if (rank !== undefined) output.push(rank);
        else mergePiece(piece, ranks, output);
        if (output.length > maxTokens) break;
      }
      return output;
    },
    decode(tokens) {
      let joined = '';
      for (let position = 0; position < tokens.length; position += 1) {
        joined += bytesByRank[tokens[position]] ?? '';
      }
      return decoder.decode(Uint8Array.from(joined, (character) => character.charCodeAt(0)));
    },
  };
}
