/**
 * Text as the PII detectors read it, with where each of its UTF-16 units came from in the
 * original. Detection runs on a folded copy so disguised items are found (fullwidth `＠`,
 * Arabic-Indic digits, zero-width spaces inside a number), while masking replaces the matching
 * span of the original, so everything that was not personal data reads exactly as written.
 */
export interface DetectionText {
  text: string;
  /** Per unit of `text`: the offset in the original where its source character starts. */
  starts: Int32Array;
  /** Per unit of `text`: the offset in the original just after its source character. */
  ends: Int32Array;
}

const formatCharacter = /^\p{Cf}$/u;
const decimalDigit = /^\p{Nd}$/u;
const spaceSeparator = /^\p{Zs}$/u;
const dashPunctuation = /^\p{Pd}$/u;
const nonAscii = /[^\p{ASCII}]/u;

/** Folded forms of the non-ASCII characters met so far; bounded, as any text can add to it. */
const foldedCharacters = new Map<string, string>();
const maxFoldedCharacters = 8_192;

/**
 * The value (0-9) of a decimal digit of any script. Unicode assigns decimal digits only in
 * contiguous runs from 0 to 9, so the value is the distance from the start of its run.
 */
function digitValue(codePoint: number): number {
  let start = codePoint;
  while (start > 0 && decimalDigit.test(String.fromCodePoint(start - 1))) start -= 1;
  return (codePoint - start) % 10;
}

function foldCodePoint(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0;
  if (codePoint === 0x20 || codePoint === 0x2d) return character;
  if (decimalDigit.test(character)) return String(digitValue(codePoint));
  if (spaceSeparator.test(character)) return ' ';
  // The minus sign is a math symbol, not a dash, but reads as one between digit groups.
  if (dashPunctuation.test(character) || codePoint === 0x2212) return '-';
  return character;
}

/**
 * One original character as the detectors see it: format characters (zero-width spaces and
 * joiners, soft hyphens, direction marks) vanish; the rest is NFKC-normalised (fullwidth forms,
 * ligatures, no-break spaces), then digits of every script become ASCII, space separators a
 * space and dashes (and the minus sign) a hyphen.
 */
function foldCharacter(character: string): string {
  const known = foldedCharacters.get(character);
  if (known !== undefined) return known;
  let folded = '';
  if (!formatCharacter.test(character)) {
    for (const part of character.normalize('NFKC')) folded += foldCodePoint(part);
  }
  if (foldedCharacters.size >= maxFoldedCharacters) foldedCharacters.clear();
  foldedCharacters.set(character, folded);
  return folded;
}

/** The folded copy of `original` that the detectors search, with its index map. */
export function detectionText(original: string): DetectionText {
  if (!nonAscii.test(original)) {
    const starts = new Int32Array(original.length);
    const ends = new Int32Array(original.length);
    for (let index = 0; index < original.length; index += 1) {
      starts[index] = index;
      ends[index] = index + 1;
    }
    return { text: original, starts, ends };
  }
  const pieces: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (let index = 0; index < original.length; ) {
    const codePoint = original.codePointAt(index) ?? 0;
    const width = codePoint > 0xffff ? 2 : 1;
    const character = original.slice(index, index + width);
    const folded = codePoint < 0x80 ? character : foldCharacter(character);
    pieces.push(folded);
    for (let unit = 0; unit < folded.length; unit += 1) {
      starts.push(index);
      ends.push(index + width);
    }
    index += width;
  }
  return { text: pieces.join(''), starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}
