import { splitCitations } from './citations';

/** The few mdast fields this plugin reads or writes. */
interface MarkdownNode {
  type: string;
  value?: string;
  url?: string;
  children?: MarkdownNode[];
}

/** Link target prefix that marks a citation; the renderer turns such links into source buttons. */
export const citationHrefPrefix = '#cite-';

// Text inside these nodes is code or already a link, so `[n]` there is not a citation.
const skippedTypes = new Set(['link', 'linkReference', 'code', 'inlineCode', 'definition', 'html']);

function transform(node: MarkdownNode): void {
  if (!node.children || skippedTypes.has(node.type)) return;
  node.children = node.children.flatMap((child): MarkdownNode[] => {
    if (child.type !== 'text' || child.value === undefined) {
      transform(child);
      return [child];
    }
    return splitCitations(child.value).map((segment) =>
      segment.kind === 'text'
        ? { type: 'text', value: segment.value }
        : {
            type: 'link',
            url: `${citationHrefPrefix}${segment.index}`,
            children: [{ type: 'text', value: String(segment.index) }],
          },
    );
  });
}

/** Remark plugin: turns `[n]` citation markers in prose into links to `#cite-n`. */
export function remarkCitations() {
  return (tree: MarkdownNode) => {
    transform(tree);
  };
}

/** The source number of a citation link, or undefined for any other link. */
export function citationIndexFromHref(href: string | undefined): number | undefined {
  if (!href?.startsWith(citationHrefPrefix)) return undefined;
  const index = Number.parseInt(href.slice(citationHrefPrefix.length), 10);
  return Number.isInteger(index) ? index : undefined;
}
