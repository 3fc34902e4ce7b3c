/**
 * The address of a passage on its published page: the collection's base URL joined with the
 * source path (as ingested, so a site must mirror the folder) and the passage's anchor. A
 * source that would leave the base URL (`../`, another host) gets the base URL itself.
 */
export function sourceUrl(baseUrl: string, passage: { source: string; anchor?: string }): string {
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  const page = new URL(passage.source.split('/').map(encodeURIComponent).join('/'), base);
  if (page.origin !== base.origin || !page.pathname.startsWith(base.pathname)) return base.href;
  if (passage.anchor) page.hash = passage.anchor;
  return page.href;
}
