import { type DocumentBlock, type ParsedDocument, tidyText } from './document-blocks';

const fencePattern = /^ {0,3}(`{3,}|~{3,})\s*([\w+#.-]*)/;
const atxHeadingPattern = /^ {0,3}(#{1,6})\s+(.*)$/;
const setextUnderlinePattern = /^ {0,3}(=+|-+)\s*$/;
const linkDefinitionPattern = /^ {0,3}\[[^\]]+\]:\s*\S+/;
const mdxStatementPattern = /^(import|export)\s/;
/** A heading with a code span names an API entry, as in reference docs: `` ## `fs.readFile(path)` ``. */
const apiHeadingPattern = /`[^`]{1,300}`/;

/**
 * The anchor renderers give a heading (GitHub's rule, which Node's docs follow too): lower case,
 * punctuation dropped, spaces as hyphens: `fs.readFile(path[, options], callback)` becomes
 * `fsreadfilepath-options-callback`.
 */
export function headingSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/**
 * Strips link and image syntax down to the visible words, so URLs do not pollute search terms.
 * Every repetition is bounded and link text cannot contain `[`, so a document of unclosed
 * brackets costs linear time instead of rescanning the rest of the text from each one.
 */
export function cleanInlineMarkdown(text: string): string {
  return text
    .replace(/!\[([^[\]]{0,1000})\]\([^()]{0,2000}\)/g, '$1')
    .replace(/\[([^[\]]{1,1000})\]\([^()]{0,2000}\)/g, '$1')
    .replace(/\[([^[\]]{1,1000})\]\[[^[\]]{0,1000}\]/g, '$1')
    .replace(/<\/?[A-Za-z][^<>]{0,2000}>/g, '');
}

/**
 * Removes `<!-- ... -->` comments from one line outside code (Node's docs keep YAML change
 * logs in them), given whether a comment is open from an earlier line; one pass. Returns the
 * kept text and whether a comment is still open at the line's end.
 */
function stripLineComments(line: string, inComment: boolean): { text: string; inComment: boolean } {
  const kept: string[] = [];
  let position = 0;
  let open = inComment;
  for (;;) {
    if (open) {
      const end = line.indexOf('-->', position);
      if (end < 0) return { text: kept.join(''), inComment: true };
      position = end + 3;
      open = false;
    }
    const start = line.indexOf('<!--', position);
    if (start < 0) break;
    kept.push(line.slice(position, start));
    position = start + 4;
    open = true;
  }
  kept.push(line.slice(position));
  return { text: kept.join(''), inComment: false };
}

/** An ATX heading's text without its optional closing `#` sequence, in one backwards pass. */
function headingText(raw: string): string {
  let end = raw.trimEnd().length;
  while (end > 0 && raw[end - 1] === '#') end -= 1;
  return raw.slice(0, end).trimEnd();
}

function frontMatter(lines: string[]): { title?: string; bodyStart: number } {
  if (lines[0]?.trim() !== '---') return { bodyStart: 0 };
  const end = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (end < 0) return { bodyStart: 0 };
  const titleLine = lines.slice(1, end).find((line) => /^title\s*:/.test(line));
  const title = titleLine
    ?.replace(/^title\s*:\s*/, '')
    .replace(/^["']|["']$/g, '')
    .trim();
  return { title: title || undefined, bodyStart: end + 1 };
}

/**
 * Parses Markdown (and MDX, whose import/export lines are dropped) into blocks: ATX and setext
 * headings, fenced code blocks kept whole (comments in them included), and paragraphs. HTML
 * comments and link reference definitions are dropped.
 */
export function parseMarkdown(source: string, options: { mdx?: boolean } = {}): ParsedDocument {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const { title: frontTitle, bodyStart } = frontMatter(lines);
  const blocks: DocumentBlock[] = [];
  let paragraph: string[] = [];

  const flushParagraph = () => {
    const text = tidyText(cleanInlineMarkdown(paragraph.join('\n')));
    if (text) blocks.push({ kind: 'text', text });
    paragraph = [];
  };

  // An unclosed comment runs to the end of the document, as in HTML.
  let inComment = false;
  for (let index = bodyStart; index < lines.length; index += 1) {
    const uncommented = stripLineComments(lines[index], inComment);
    const fence: RegExpExecArray | null = inComment ? null : fencePattern.exec(lines[index]);
    const line = fence ? lines[index] : uncommented.text;
    inComment = fence ? false : uncommented.inComment;
    if (fence) {
      flushParagraph();
      const marker = fence[1];
      const code: string[] = [];
      index += 1;
      while (index < lines.length && !lines[index].trimStart().startsWith(marker)) {
        code.push(lines[index]);
        index += 1;
      }
      const text = code.join('\n').trimEnd();
      if (text.trim()) blocks.push({ kind: 'code', text, language: fence[2] ?? '' });
      continue;
    }
    const heading = atxHeadingPattern.exec(line);
    if (heading) {
      flushParagraph();
      const raw = headingText(heading[2]);
      const text = tidyText(cleanInlineMarkdown(raw));
      const api = apiHeadingPattern.test(raw);
      const anchor = headingSlug(text);
      if (text) {
        blocks.push({ kind: 'heading', level: heading[1].length, text, anchor, ...(api ? { api } : {}) });
      }
      continue;
    }
    const underline = setextUnderlinePattern.exec(line);
    if (underline && paragraph.length === 1) {
      const text = tidyText(cleanInlineMarkdown(paragraph[0]));
      paragraph = [];
      const level = underline[1].startsWith('=') ? 1 : 2;
      if (text) blocks.push({ kind: 'heading', level, text, anchor: headingSlug(text) });
      continue;
    }
    if (underline) {
      // A rule under a multi-line paragraph or on its own: a separator, not content.
      flushParagraph();
      continue;
    }
    if (linkDefinitionPattern.test(line) || (options.mdx && mdxStatementPattern.test(line))) continue;
    if (!line.trim()) {
      flushParagraph();
      continue;
    }
    paragraph.push(line);
  }
  flushParagraph();

  const firstHeading = blocks.find((block) => block.kind === 'heading');
  return { title: frontTitle ?? (firstHeading?.kind === 'heading' ? firstHeading.text : ''), blocks };
}
