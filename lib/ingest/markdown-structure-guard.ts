import { UnreadableDocumentError } from './document-blocks';

/** Containers opened on one line: real documents nest a handful; the parser slows down past it. */
export const maxMarkdownNesting = 100;
/**
 * Lazy continuation lines (unprefixed lines that continue a quoted or listed paragraph) in
 * one paragraph. The parser rechecks the paragraph for each one, so their cost grows with
 * the square of their number; real documents have a few.
 */
export const maxLazyLines = 200;

/**
 * Emphasis marks (`*`, `_`) in one block of lines between blank lines, outside fenced code.
 * The parser pairs them by searching back through the open ones, so their cost grows faster
 * than their number; real paragraphs have a few dozen.
 */
export const maxEmphasisMarks = 500;

const fencePattern = /^( *)(`{3,}|~{3,})(.*)$/;
const atxHeadingPattern = /^ {0,3}#{1,6}(?:[ \t]|$)/;

interface LinePrefix {
  /** Container markers (`>`, `-`, `*`, `+`, `1.`, `1)`) at the start of the line. */
  markers: number;
  /** Whether the last marker opens a list item (which starts a new paragraph). */
  endsWithListItem: boolean;
  /** Whether any marker opens a list item. */
  opensListItem: boolean;
  /** Where the line's content starts after its markers and whitespace. */
  contentStart: number;
}

function isSpace(character: string | undefined): boolean {
  return character === ' ' || character === '\t';
}

/** Reads the container markers at the start of a line, each character looked at once. */
function linePrefix(line: string): LinePrefix {
  let position = 0;
  let markers = 0;
  let endsWithListItem = false;
  let opensListItem = false;
  for (;;) {
    while (isSpace(line[position])) position += 1;
    const character = line[position];
    if (character === '>') {
      markers += 1;
      endsWithListItem = false;
      position += 1;
      continue;
    }
    let end = position;
    if (character === '-' || character === '*' || character === '+') end = position + 1;
    else {
      while (end - position < 9 && line[end] >= '0' && line[end] <= '9') end += 1;
      end = end > position && (line[end] === '.' || line[end] === ')') ? end + 1 : position;
    }
    if (end === position || !(isSpace(line[end]) || end === line.length)) break;
    markers += 1;
    endsWithListItem = true;
    opensListItem = true;
    position = end;
  }
  return { markers, endsWithListItem, opensListItem, contentStart: position };
}

/** A fence that opens a code block here (a backtick fence's info string has no backtick). */
function openingFence(text: string): { marker: string; indent: number } | undefined {
  const match = fencePattern.exec(text);
  if (!match || (match[2][0] === '`' && match[3].includes('`'))) return undefined;
  return { marker: match[2], indent: match[1].length };
}

/** The measures of {@link markdownStructure}. */
export interface MarkdownStructure {
  deepestNesting: number;
  mostLazyLines: number;
  mostEmphasisMarks: number;
}

/**
 * The shapes of Markdown the parser takes more than linear time on, measured in one pass:
 * the most containers opened on one line, the most lazy continuation lines in one quoted or
 * listed paragraph, and the most emphasis marks between two blank lines. Fenced code outside containers is skipped for the second; the
 * count errs towards more, never fewer, lazy lines than the parser sees (every line that does
 * not surely end the paragraph counts), so hostile input cannot hide from it.
 */
export function markdownStructure(source: string): MarkdownStructure {
  let deepestNesting = 0;
  let mostEmphasisMarks = 0;
  let emphasisMarks = 0;
  let mostLazyLines = 0;
  let lazyLines = 0;
  let inContainerParagraph = false;
  // Since a list item: indented lines may be paragraphs inside it, which lazy lines continue.
  let inList = false;
  let fence: { marker: string; indent: number } | undefined;
  for (const line of source.split('\n')) {
    const prefix = linePrefix(line);
    if (prefix.markers > deepestNesting) deepestNesting = prefix.markers;
    const content = line.slice(prefix.contentStart);
    if (fence) {
      const indent = line.length - line.trimStart().length;
      const closes = line.trimStart().startsWith(fence.marker);
      const leaves = fence.indent > 0 && content !== '' && indent < fence.indent;
      if (!leaves) {
        if (closes) fence = undefined;
        continue;
      }
      fence = undefined;
    }
    if (!content.trim()) {
      inContainerParagraph = false;
      lazyLines = 0;
      emphasisMarks = 0;
      continue;
    }
    emphasisMarks += line.match(/[*_]/g)?.length ?? 0;
    if (emphasisMarks > mostEmphasisMarks) mostEmphasisMarks = emphasisMarks;
    if (prefix.markers > 0) {
      if (prefix.endsWithListItem) lazyLines = 0;
      if (prefix.opensListItem) inList = true;
      inContainerParagraph = true;
      continue;
    }
    const opened = openingFence(line);
    // Only what certainly interrupts a paragraph ends it; anything else counts as lazy.
    const interrupts = atxHeadingPattern.test(line) || (opened !== undefined && opened.indent <= 3);
    if (interrupts || (opened && !inContainerParagraph)) {
      fence = opened;
      inContainerParagraph = false;
      lazyLines = 0;
      continue;
    }
    if (inContainerParagraph) {
      lazyLines += 1;
      if (lazyLines > mostLazyLines) mostLazyLines = lazyLines;
    } else if (prefix.contentStart > 0) {
      inContainerParagraph = inList;
    } else {
      inList = false;
    }
  }
  return { deepestNesting, mostLazyLines, mostEmphasisMarks };
}

/**
 * Refuses Markdown the parser would take more than linear time on (see
 * {@link markdownStructure}), so a hostile file costs the ingester one linear pass.
 * Throws {@link UnreadableDocumentError}.
 */
export function assertParsableMarkdown(source: string): void {
  const { deepestNesting, mostLazyLines, mostEmphasisMarks } = markdownStructure(source);
  if (deepestNesting > maxMarkdownNesting) {
    throw new UnreadableDocumentError(
      `Markdown nested ${deepestNesting} containers deep on one line (the limit is ${maxMarkdownNesting})`,
    );
  }
  if (mostLazyLines > maxLazyLines) {
    throw new UnreadableDocumentError(
      `Markdown paragraph with ${mostLazyLines} lazy continuation lines (the limit is ${maxLazyLines})`,
    );
  }
  if (mostEmphasisMarks > maxEmphasisMarks) {
    throw new UnreadableDocumentError(
      `Markdown paragraph with ${mostEmphasisMarks} emphasis marks (the limit is ${maxEmphasisMarks})`,
    );
  }
}
