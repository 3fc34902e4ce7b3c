import { type HTMLElement, type Node, NodeType } from 'node-html-parser';
import { type DocumentBlock, tidyText } from './document-blocks';
import { isDropped } from './html-content-area';

/** Elements that end the inline text before and after them. */
const blockTags = new Set([
  'p',
  'div',
  'section',
  'blockquote',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'thead',
  'tbody',
  'tr',
  'figure',
  'figcaption',
  'details',
  'summary',
  'hr',
  'header',
  'address',
]);

/** What the walk has gathered so far and where it stands in the page. */
export interface WalkState {
  blocks: DocumentBlock[];
  inline: string;
  /** Level of the most recent real heading; API signatures nest below it. */
  headingLevel: number;
  /** How many API description lists (`dl` with signature terms) enclose the current node. */
  apiDepth: number;
  /** Bullet waiting for the first text of a list item, which may sit in a nested `<p>`. */
  bullet: string;
}

/** Ends the current run of inline text as a prose block (with its pending bullet). */
export function flushInline(state: WalkState): void {
  const text = tidyText(state.inline);
  if (text) {
    state.blocks.push({ kind: 'text', text: `${state.bullet}${text}` });
    state.bullet = '';
  }
  state.inline = '';
}

/** A fresh walk whose headings nest below `headingLevel`. */
export function emptyState(headingLevel: number): WalkState {
  return { blocks: [], inline: '', headingLevel, apiDepth: 0, bullet: '' };
}

function inlineText(element: HTMLElement): string {
  const state = emptyState(0);
  for (const child of element.childNodes) walk(child, state);
  const texts = state.blocks.map((block) => ('text' in block ? block.text : ''));
  return tidyText(`${texts.join(' ')} ${state.inline}`).replace(/\n/g, ' ');
}

function codeLanguage(element: HTMLElement): string {
  const holder = element.closest('[class*="highlight-"]') ?? element.querySelector('code') ?? element;
  const match = /(?:highlight|language|lang)-([\w+#-]+)/.exec(holder.classList.value.join(' '));
  return match?.[1] ?? '';
}

/** Sphinx renders each API entry as `<dl class="py function"><dt class="sig">`; treat those terms as headings. */
function isApiList(element: HTMLElement): boolean {
  return element.childNodes.some(
    (child) =>
      child.nodeType === NodeType.ELEMENT_NODE &&
      (child as HTMLElement).rawTagName?.toLowerCase() === 'dt' &&
      (child as HTMLElement).classList.contains('sig'),
  );
}

/**
 * The fragment that links to a heading: its own id, its permalink (`<a class="headerlink"
 * href="#…">`, as Sphinx writes), or the id of the section it opens.
 */
function headingAnchor(element: HTMLElement): string | undefined {
  const own = element.getAttribute('id');
  if (own) return own;
  const permalink = element.querySelector('a.headerlink')?.getAttribute('href');
  if (permalink?.startsWith('#') && permalink.length > 1) return permalink.slice(1);
  const parent = element.parentNode;
  return parent?.rawTagName?.toLowerCase() === 'section' ? parent.getAttribute('id') || undefined : undefined;
}

/**
 * Appends the blocks of `node` and its descendants to `state`, in reading order: headings,
 * `<pre>` code with its language, Sphinx API signatures as nested headings, and prose with
 * inline code as Markdown code spans.
 */
export function walk(node: Node, state: WalkState): void {
  if (node.nodeType === NodeType.TEXT_NODE) {
    state.inline += node.text.replace(/\s+/g, ' ');
    return;
  }
  if (node.nodeType !== NodeType.ELEMENT_NODE) return;
  const element = node as HTMLElement;
  if (isDropped(element)) return;
  const tag = element.rawTagName?.toLowerCase() ?? '';

  const headingMatch = /^h([1-6])$/.exec(tag);
  if (headingMatch) {
    flushInline(state);
    // Headings are labels: a code span in one ("The `csv` module") shows without its marks.
    const text = inlineText(element).replace(/`/g, '');
    const level = Number(headingMatch[1]);
    const anchor = headingAnchor(element);
    if (text) state.blocks.push({ kind: 'heading', level, text, ...(anchor ? { anchor } : {}) });
    state.headingLevel = level;
    return;
  }
  if (tag === 'pre') {
    flushInline(state);
    const text = element.text.replace(/\s+$/, '');
    if (text.trim()) state.blocks.push({ kind: 'code', text, language: codeLanguage(element) });
    return;
  }
  if (tag === 'dt' && element.classList.contains('sig')) {
    flushInline(state);
    const text = inlineText(element);
    const anchor = element.getAttribute('id');
    if (text) {
      const level = state.headingLevel + state.apiDepth;
      state.blocks.push({ kind: 'heading', level, text, api: true, ...(anchor ? { anchor } : {}) });
    }
    return;
  }
  if (tag === 'code' || tag === 'kbd' || tag === 'samp') {
    // Inline code stays code: `__enter__` must not read as Markdown emphasis, nor lose its marks.
    const code = element.text.replace(/\s+/g, ' ').replace(/`/g, "'");
    if (code.trim()) state.inline += `\`${code}\``;
    return;
  }
  if (tag === 'br') {
    state.inline += '\n';
    return;
  }
  const isBlock = blockTags.has(tag);
  if (isBlock) flushInline(state);
  if (tag === 'li') state.bullet = '- ';
  const api = tag === 'dl' && isApiList(element);
  if (api) state.apiDepth += 1;
  const savedHeadingLevel = state.headingLevel;
  for (const child of element.childNodes) walk(child, state);
  if (api) {
    flushInline(state);
    state.blocks.push({ kind: 'section-end', level: state.headingLevel + state.apiDepth });
    state.apiDepth -= 1;
  }
  if (tag === 'section') state.headingLevel = savedHeadingLevel;
  if (isBlock) flushInline(state);
  if (tag === 'li') state.bullet = '';
  else if (tag === 'td' || tag === 'th') state.inline += ' | ';
}
