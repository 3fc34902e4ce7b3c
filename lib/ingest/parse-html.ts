import { type HTMLElement, type Node, NodeType, parse } from 'node-html-parser';
import {
  type DocumentBlock,
  type ParsedDocument,
  tidyText,
  UnreadableDocumentError,
} from './document-blocks';

/** Where the page's own content lives, most specific first (Sphinx uses `div.body[role=main]`). */
const mainSelectors = ['[role=main]', 'main', 'article', 'div.body', '#content', 'body'];

const droppedTags = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'nav',
  'aside',
  'footer',
  'form',
  'button',
  'select',
  'input',
  'svg',
  'canvas',
  'iframe',
  'object',
  'head',
]);
const droppedRoles = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search']);
/** Navigation chrome and permalink markers that sit inside content areas of common doc generators. */
const droppedClasses = new Set([
  'headerlink',
  'sphinxsidebar',
  'sidebar',
  'related',
  'breadcrumb',
  'breadcrumbs',
  'navigation',
  'toc',
  'contents',
  'skip-link',
  'mobile-nav',
  'copybutton',
]);
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

interface WalkState {
  blocks: DocumentBlock[];
  inline: string;
  /** Level of the most recent real heading; API signatures nest below it. */
  headingLevel: number;
  /** How many API description lists (`dl` with signature terms) enclose the current node. */
  apiDepth: number;
  /** Bullet waiting for the first text of a list item, which may sit in a nested `<p>`. */
  bullet: string;
}

function isDropped(element: HTMLElement): boolean {
  const tag = element.rawTagName?.toLowerCase() ?? '';
  if (droppedTags.has(tag)) return true;
  const role = element.getAttribute('role');
  if (role && droppedRoles.has(role)) return true;
  if (element.getAttribute('aria-hidden') === 'true') return true;
  return element.classList.value.some((name) => droppedClasses.has(name));
}

function flushInline(state: WalkState): void {
  const text = tidyText(state.inline);
  if (text) {
    state.blocks.push({ kind: 'text', text: `${state.bullet}${text}` });
    state.bullet = '';
  }
  state.inline = '';
}

function emptyState(headingLevel: number): WalkState {
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

function walk(node: Node, state: WalkState): void {
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
    const text = inlineText(element);
    const level = Number(headingMatch[1]);
    if (text) state.blocks.push({ kind: 'heading', level, text });
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
    if (text) state.blocks.push({ kind: 'heading', level: state.headingLevel + state.apiDepth, text });
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

/** Far deeper than any real page (Sphinx pages nest about 20 deep); the parser slows down past it. */
export const maxHtmlNesting = 1_000;
// Elements that never hold children, or that the next sibling closes when left open.
const unnestedTags = new Set(
  'area base br col embed hr img input link meta param source track wbr p li dt dd tr td th option'.split(
    ' ',
  ),
);

/**
 * The deepest element nesting a page claims, from its tags alone and in one linear pass
 * (`[^<>]*` never rescans text). node-html-parser takes quadratic time on thousands of
 * unclosed nested tags, so such a page is refused before it reaches the parser.
 */
export function htmlNestingDepth(source: string): number {
  let depth = 0;
  let deepest = 0;
  for (const match of source.matchAll(/<(\/?)([a-zA-Z][\w:-]{0,40})[^<>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = match;
    if (selfClosing || unnestedTags.has(name.toLowerCase())) continue;
    depth = closing ? Math.max(0, depth - 1) : depth + 1;
    if (depth > deepest) deepest = depth;
  }
  return deepest;
}

function findMain(root: HTMLElement): HTMLElement {
  for (const selector of mainSelectors) {
    const found = root.querySelector(selector);
    if (found) return found;
  }
  return root;
}

/**
 * Extracts the main content of an HTML page as blocks: headings, prose and `<pre>` code.
 * Navigation, sidebars, scripts, styles and permalink markers are dropped.
 * Throws {@link UnreadableDocumentError} for a page nested deeper than {@link maxHtmlNesting}.
 */
export function parseHtml(source: string): ParsedDocument {
  const depth = htmlNestingDepth(source);
  if (depth > maxHtmlNesting) {
    throw new UnreadableDocumentError(`HTML nested ${depth} elements deep (the limit is ${maxHtmlNesting})`);
  }
  // `pre` must be parsed (not kept raw) so syntax-highlighting spans disappear from code text.
  const root = parse(source, {
    comment: false,
    blockTextElements: { script: true, style: true, noscript: true },
  });
  const state = emptyState(1);
  walk(findMain(root), state);
  flushInline(state);
  const firstHeading = state.blocks.find((block) => block.kind === 'heading');
  const pageTitle = tidyText(root.querySelector('title')?.text ?? '');
  return {
    title: firstHeading?.kind === 'heading' && firstHeading.level <= 2 ? firstHeading.text : pageTitle,
    blocks: state.blocks,
  };
}
