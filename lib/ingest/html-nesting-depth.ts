/**
 * How node-html-parser nests elements, so a page's depth can be measured before the parser
 * sees it. It has no HTML5 tree builder: an open element is closed only by its own end tag or
 * by the rules below (copied from its tables), so `<p>a<li>b<p>c<li>d…` nests one level per tag,
 * and the parser's final clean-up of unclosed elements is quadratic in that depth.
 */
const closedByOpening: Record<string, readonly string[]> = {
  li: ['li'],
  p: ['p', 'div'],
  b: ['div'],
  td: ['td', 'th', 'tr', 'tbody', 'tfoot'],
  th: ['td', 'th', 'tr', 'tbody', 'tfoot'],
  tr: ['tr', 'tbody', 'tfoot'],
  thead: ['tbody', 'tfoot'],
  tbody: ['tbody', 'tfoot'],
  h1: ['h1'],
  h2: ['h2'],
  h3: ['h3'],
  h4: ['h4'],
  h5: ['h5'],
  h6: ['h6'],
  dt: ['dt', 'dd'],
  dd: ['dt', 'dd'],
};

const closedByClosing: Record<string, readonly string[]> = {
  li: ['ul', 'ol'],
  a: ['div'],
  b: ['div'],
  i: ['div'],
  p: ['div'],
  td: ['tr', 'table', 'thead', 'tbody', 'tfoot'],
  th: ['tr', 'table', 'thead', 'tbody', 'tfoot'],
  tr: ['table', 'thead', 'tbody', 'tfoot'],
  tbody: ['table'],
  tfoot: ['table'],
  dt: ['dl', 'body', 'html'],
  dd: ['dl', 'body', 'html'],
};

/** End tags that do not close an open `<p>` sitting directly inside an element of that name. */
const keepParagraphOpen = new Set(['a', 'audio', 'del', 'ins', 'map', 'noscript', 'video']);

const voidElements = new Set(
  'area base br col embed hr img input link meta param source track wbr'.split(' '),
);

/** Elements whose content the parser keeps as raw text (see parseHtml's blockTextElements). */
const rawTextElements = new Set(['script', 'style', 'noscript']);

const tagPattern = /<(\/?)([a-zA-Z][\w:-]{0,40})[^<>]*?(\/?)>/g;

/** Far deeper than any real page (Sphinx pages nest about 20 deep); the parser slows down past it. */
export const maxHtmlNesting = 1_000;

/**
 * The deepest element nesting node-html-parser would build for `source`, in one linear pass
 * over its tags (each element is pushed and popped at most once; `[^<>]*` never rescans text),
 * so a page it would take quadratic time on is refused before it reaches the parser.
 */
export function htmlNestingDepth(source: string): number {
  const open: string[] = [];
  const tags = new RegExp(tagPattern);
  let deepest = 0;
  for (let match = tags.exec(source); match; match = tags.exec(source)) {
    const [, closing, rawName, selfClosing] = match;
    const name = rawName.toLowerCase();
    if (closing) {
      closeElement(open, name);
      continue;
    }
    if (selfClosing || voidElements.has(name)) continue;
    while (open.length > 0 && closedByOpening[open[open.length - 1]]?.includes(name)) open.pop();
    open.push(name);
    deepest = Math.max(deepest, open.length);
    if (rawTextElements.has(name)) {
      // Its text is not markup: go on at its end tag (or stop, as the parser does).
      const endTag = new RegExp(`</${name}`, 'gi');
      endTag.lastIndex = tags.lastIndex;
      const end = endTag.exec(source);
      if (!end) break;
      tags.lastIndex = end.index;
    }
  }
  return deepest;
}

/** Applies one end tag: closes the element it names or, by the parser's rules, the ones it ends. */
function closeElement(open: string[], name: string): void {
  while (open.length > 0) {
    const current = open[open.length - 1];
    if (current === name) {
      open.pop();
      return;
    }
    if (closedByClosing[current]?.includes(name)) {
      open.pop();
      continue;
    }
    if (
      current === 'p' &&
      open.length > 1 &&
      open[open.length - 2] === name &&
      !keepParagraphOpen.has(name)
    ) {
      open.pop();
      continue;
    }
    // A stray end tag the parser ignores.
    return;
  }
}
