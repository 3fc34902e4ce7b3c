import type { RetrievedChunk } from '../contracts/retrieval';

/** How many pages and sections a grouped result keeps. */
export interface PageGrouping {
  maxPages: number;
  /** Sections in all, shared among the pages: one page found alone brings more of itself. */
  maxSections: number;
  /** Sections any page keeps when the share would be smaller. */
  minSectionsPerPage: number;
}

function leafHeading(heading: string): string {
  return heading.split(' > ').at(-1)?.trim() ?? '';
}

/**
 * One source per page: the passages of the same page (collection and source file) become one
 * source, ranked where its best passage ranked, holding its best sections (best first). The
 * first section keeps its heading in `heading`; each further one opens with its heading (the
 * title for the page's introduction) as a Markdown heading line, so readers and the answerer
 * see where every part comes from.
 */
export function groupByPage(chunks: RetrievedChunk[], grouping: PageGrouping): RetrievedChunk[] {
  const pages = new Map<string, RetrievedChunk[]>();
  for (const chunk of chunks) {
    const key = `${chunk.collection}\u0000${chunk.source}`;
    const sections = pages.get(key);
    if (sections) sections.push(chunk);
    else if (pages.size < grouping.maxPages) pages.set(key, [chunk]);
  }
  const perPage = Math.max(
    grouping.minSectionsPerPage,
    Math.floor(grouping.maxSections / Math.max(pages.size, 1)),
  );
  return [...pages.values()].map((sections) => {
    const kept = sections.slice(0, perPage);
    const [best, ...others] = kept;
    if (!others.length) return { ...best, sections: [best.heading] };
    const text = [
      best.text,
      // The page's introduction has no heading of its own: it goes under the page title. The
      // next part of a long section continues it without repeating its heading.
      ...others.map((section, position) =>
        section.heading === kept[position].heading
          ? section.text
          : `#### ${leafHeading(section.heading) || section.title}\n\n${section.text}`,
      ),
    ].join('\n\n');
    return {
      ...best,
      id: kept.map((section) => section.id).join('+'),
      text,
      sections: [...new Set(kept.map((section) => section.heading))],
    };
  });
}
