import type { RetrievedChunk } from '../contracts/retrieval';
import { expandedTerms } from '../text/query-terms';

/** A piece of a passage the extractive generator can quote: a sentence, a list item or code. */
export interface ExtractedUnit {
  kind: 'sentence' | 'list-item' | 'code';
  /** 1-based number of the passage it came from (its citation). */
  passage: number;
  /** Reading order inside the passage. */
  order: number;
  text: string;
  /** Fence language for code ('' when none). */
  language: string;
  terms: string[];
  /** Terms of the headings it sits under. */
  headingTerms: string[];
  /** Which section of the passage it sits in (0: the passage's own heading; a grouped page has more). */
  section: number;
  /** The innermost heading above it, as written. */
  sectionHeading: string;
}

const fencePattern = /^\s*(```+|~~~+)\s*([\w+-]*)/;
const headingPattern = /^\s{0,3}#{1,6}\s+(.*)$/;
const listPattern = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/;
// A sentence ends at . ! or ? followed by space and something that starts a sentence.
const sentenceBoundary = /(?<=[.!?])\s+(?=[A-Z`*_("'[])/;
const minimumSentenceChars = 25;

/**
 * Splits a passage's markdown into quotable units. Headings are not quoted but give their
 * words to the units below them; tables and fragments too short to stand alone are skipped.
 */
export function splitIntoUnits(chunk: RetrievedChunk, passage: number): ExtractedUnit[] {
  const units: ExtractedUnit[] = [];
  // Section headings, not the page title: a title word names the page, not every section of it.
  let heading = chunk.heading || chunk.title;
  let section = 0;
  let sectionHeading = chunk.heading.split(' > ').at(-1)?.trim() ?? '';
  let paragraph: string[] = [];
  let code: { fence: string; language: string; lines: string[] } | undefined;

  const add = (kind: ExtractedUnit['kind'], text: string, language = '') => {
    units.push({
      kind,
      passage,
      order: units.length,
      text,
      language,
      terms: expandedTerms(text),
      headingTerms: expandedTerms(heading),
      section,
      sectionHeading,
    });
  };
  const flushParagraph = () => {
    const text = paragraph.join(' ').replace(/\s+/g, ' ').trim();
    paragraph = [];
    for (const sentence of text.split(sentenceBoundary)) {
      if (sentence.length >= minimumSentenceChars) add('sentence', sentence.trim());
    }
  };

  for (const line of chunk.text.split('\n')) {
    if (code) {
      if (line.trim().startsWith(code.fence)) {
        if (code.lines.some((codeLine) => codeLine.trim())) add('code', code.lines.join('\n'), code.language);
        code = undefined;
      } else {
        code.lines.push(line);
      }
      continue;
    }
    const fence = fencePattern.exec(line);
    const headingMatch = headingPattern.exec(line);
    const listItem = listPattern.exec(line);
    if (fence) {
      flushParagraph();
      code = { fence: fence[1], language: fence[2] ?? '', lines: [] };
    } else if (headingMatch) {
      flushParagraph();
      heading = headingMatch[1];
      section += 1;
      sectionHeading = headingMatch[1].trim();
    } else if (!line.trim() || line.trim().startsWith('|')) {
      flushParagraph();
    } else if (listItem) {
      flushParagraph();
      if (listItem[1].length >= minimumSentenceChars / 2) add('list-item', listItem[1].trim());
    } else if (/^\s{2,}\S/.test(line) && units.at(-1)?.kind === 'list-item' && !paragraph.length) {
      // Continuation line of the list item above.
      const item = units.at(-1);
      if (item) {
        item.text = `${item.text} ${line.trim()}`;
        item.terms = expandedTerms(item.text);
      }
    } else {
      paragraph.push(line);
    }
  }
  flushParagraph();
  // A passage cut inside a code block still yields the code it has.
  if (code?.lines.some((line) => line.trim())) add('code', code.lines.join('\n'), code.language);
  return units;
}
