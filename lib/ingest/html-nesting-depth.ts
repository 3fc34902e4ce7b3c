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
