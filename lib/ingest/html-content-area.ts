import type { HTMLElement } from 'node-html-parser';

/** Where the page's own content lives, most specific first (Sphinx uses `div.body[role=main]`). */
const mainSelectors = ['[role=main]', 'main', 'article', 'div.body', '#content', 'body'];

/** Elements that are never page content. */
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
/** Whether an element is chrome (navigation, scripts, permalink marks...) rather than content. */
export function isDropped(element: HTMLElement): boolean {
  const tag = element.rawTagName?.toLowerCase() ?? '';
  if (droppedTags.has(tag)) return true;
  const role = element.getAttribute('role');
  if (role && droppedRoles.has(role)) return true;
  if (element.getAttribute('aria-hidden') === 'true') return true;
  return element.classList.value.some((name) => droppedClasses.has(name));
}

/** The element holding the page's own content, by {@link mainSelectors}; the whole page if none. */
export function findMain(root: HTMLElement): HTMLElement {
  for (const selector of mainSelectors) {
    const found = root.querySelector(selector);
    if (found) return found;
  }
  return root;
}
