import { describe, expect, it } from 'vitest';
import type { RetrievedChunk } from '../contracts/retrieval';
import { groupByPage } from './group-by-page';

function chunk(source: string, heading: string, collection = 'python'): RetrievedChunk {
  return {
    id: `${source}#${heading}`,
    collection,
    source,
    title: `Title of ${source}`,
    heading,
    text: `Text of ${heading}.`,
    score: 1,
  };
}

describe('groupByPage', () => {
  it('makes one source per page, ranked by its best passage, with its sections best first', () => {
    const pages = groupByPage(
      [chunk('a.html', 'A > one'), chunk('b.html', 'two'), chunk('a.html', 'A > three'), chunk('a.html', '')],
      { maxPages: 6, maxSections: 12, minSectionsPerPage: 2 },
    );
    expect(pages.map((page) => page.source)).toEqual(['a.html', 'b.html']);
    expect(pages[0].heading).toBe('A > one');
    expect(pages[0].sections).toEqual(['A > one', 'A > three', '']);
    // Later sections open with their own heading, the introduction with the page title.
    expect(pages[0].text).toBe(
      'Text of A > one.\n\n#### three\n\nText of A > three.\n\n#### Title of a.html\n\nText of .',
    );
    expect(pages[1]).toMatchObject({ id: 'b.html#two', sections: ['two'], text: 'Text of two.' });
  });

  it('tells pages of different collections apart and keeps to the page and section limits', () => {
    const chunks = [
      ...['1', '2', '3', '4'].map((heading) => chunk('a.md', heading)),
      chunk('a.md', 'other', 'javascript'),
      chunk('b.md', 'x'),
      chunk('c.md', 'y'),
    ];
    const pages = groupByPage(chunks, { maxPages: 3, maxSections: 4, minSectionsPerPage: 2 });
    expect(pages.map((page) => `${page.collection}/${page.source}`)).toEqual([
      'python/a.md',
      'javascript/a.md',
      'python/b.md',
    ]);
    expect(pages[0].sections).toEqual(['1', '2']);
  });
});
