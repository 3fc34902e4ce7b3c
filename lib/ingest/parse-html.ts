import { parse } from 'node-html-parser';
import { type ParsedDocument, tidyText, UnreadableDocumentError } from './document-blocks';
import { emptyState, flushInline, walk } from './html-block-walk';
import { findMain } from './html-content-area';
import { htmlNestingDepth, maxHtmlNesting } from './html-nesting-depth';

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
