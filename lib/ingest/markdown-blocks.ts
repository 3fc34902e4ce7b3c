import { fromMarkdown } from 'mdast-util-from-markdown';
import { type DocumentBlock, tidyText } from './document-blocks';

/** The parts of an mdast node this walk reads (unknown node types are walked by their children). */
interface MarkdownNode {
  type: string;
  value?: string;
  alt?: string | null;
  depth?: number;
  lang?: string | null;
  ordered?: boolean | null;
  start?: number | null;
  children?: MarkdownNode[];
}

const mdxStatementPattern = /^(import|export)\s/;

/**
 * Strips link and image syntax down to the visible words, so URLs do not pollute search terms.
 * The parser resolves real links; this catches what it leaves as text (references without a
 * definition) and tags. Every repetition is bounded and link text cannot contain `[`, so a
 * document of unclosed brackets costs linear time instead of rescanning the rest of the text
 * from each one.
 */
export function cleanInlineMarkdown(text: string): string {
  return text
    .replace(/!\[([^[\]]{0,1000})\]\([^()]{0,2000}\)/g, '$1')
    .replace(/\[([^[\]]{1,1000})\]\([^()]{0,2000}\)/g, '$1')
    .replace(/\[([^[\]]{1,1000})\]\[[^[\]]{0,1000}\]/g, '$1')
    .replace(/<\/?[A-Za-z][^<>]{0,2000}>/g, '');
}

/** Removes `<!-- ... -->` comments (Node's docs keep YAML change logs in them); one pass. */
function stripComments(html: string): string {
  const kept: string[] = [];
  let position = 0;
  for (;;) {
    const start = html.indexOf('<!--', position);
    if (start < 0) break;
    const end = html.indexOf('-->', start + 4);
    kept.push(html.slice(position, start));
    // An unclosed comment runs to the end of the block, as in HTML.
    position = end < 0 ? html.length : end + 3;
  }
  kept.push(html.slice(position));
  return kept.join('');
}

/**
 * The visible text of inline content: inline code keeps its backticks, images their alt text,
 * links their words; inline HTML (tags, comments) is dropped. Iterative, so deeply nested
 * emphasis cannot exhaust the stack.
 */
function inlineText(node: MarkdownNode): string {
  const parts: string[] = [];
  const pending: MarkdownNode[] = [node];
  while (pending.length) {
    const current = pending.pop() as MarkdownNode;
    if (current.type === 'inlineCode') parts.push(`\`${current.value ?? ''}\``);
    else if (current.type === 'break') parts.push('\n');
    else if (current.type === 'image' || current.type === 'imageReference') parts.push(current.alt ?? '');
    else if (current.type === 'html') continue;
    else if (current.children)
      for (let index = current.children.length - 1; index >= 0; index -= 1)
        pending.push(current.children[index]);
    else parts.push(current.value ?? '');
  }
  return parts.join('');
}

interface WalkState {
  blocks: DocumentBlock[];
  mdx: boolean;
  /** Lines of the list being read: a list becomes one text block, an item per line. */
  listLines?: string[];
}

function flushList(state: WalkState): void {
  if (state.listLines?.length) state.blocks.push({ kind: 'text', text: state.listLines.join('\n') });
  if (state.listLines) state.listLines = [];
}

function pushText(state: WalkState, text: string, bullet: string): void {
  if (!text) return;
  if (state.listLines) state.listLines.push(`${bullet}${text}`);
  else state.blocks.push({ kind: 'text', text });
}

function paragraphText(node: MarkdownNode, mdx: boolean): string {
  let text = inlineText(node);
  if (mdx)
    text = text
      .split('\n')
      .filter((line) => !mdxStatementPattern.test(line))
      .join('\n');
  return tidyText(cleanInlineMarkdown(text));
}

/** The fence's language as the first word of its info string (`js` of `js {1,3}`). */
function codeLanguage(lang: string | null | undefined): string {
  return /^[\w+#.-]*/.exec(lang ?? '')?.[0] ?? '';
}

function walk(node: MarkdownNode, state: WalkState, bullet = ''): void {
  switch (node.type) {
    case 'heading': {
      flushList(state);
      const text = tidyText(cleanInlineMarkdown(inlineText(node))).replace(/\n/g, ' ');
      if (text) state.blocks.push({ kind: 'heading', level: node.depth ?? 1, text });
      return;
    }
    case 'paragraph':
      pushText(state, paragraphText(node, state.mdx), bullet);
      return;
    case 'code': {
      flushList(state);
      const text = (node.value ?? '').trimEnd();
      if (text.trim()) state.blocks.push({ kind: 'code', text, language: codeLanguage(node.lang) });
      return;
    }
    case 'html':
      pushText(state, tidyText(cleanInlineMarkdown(stripComments(node.value ?? ''))), bullet);
      return;
    case 'list': {
      const outermost = !state.listLines;
      state.listLines ??= [];
      (node.children ?? []).forEach((item, index) => {
        const marker = node.ordered ? `${(node.start ?? 1) + index}. ` : '- ';
        (item.children ?? []).forEach((child, position) => {
          walk(child, state, position === 0 ? marker : '');
        });
      });
      if (outermost) {
        flushList(state);
        state.listLines = undefined;
      }
      return;
    }
    case 'definition':
    case 'thematicBreak':
      return;
    default:
      for (const child of node.children ?? []) walk(child, state, bullet);
  }
}

/**
 * Markdown's blocks in reading order, from its CommonMark syntax tree: ATX and setext
 * headings, fenced and indented code kept verbatim with the fence's language, paragraphs,
 * lists (one block each, an item per line), quotes and the text of HTML blocks. HTML
 * comments, link reference definitions and rules are dropped; with `mdx`, so are
 * import/export lines and JSX tags.
 */
export function markdownBlocks(source: string, options: { mdx?: boolean } = {}): DocumentBlock[] {
  const state: WalkState = { blocks: [], mdx: options.mdx ?? false };
  walk(fromMarkdown(source) as MarkdownNode, state);
  return state.blocks;
}
