import { describe, expect, it } from 'vitest';
import { citationIndexFromHref, remarkCitations } from './remark-citations';

describe('remarkCitations', () => {
  it('turns citation markers in text into citation links', () => {
    const tree = {
      type: 'root',
      children: [{ type: 'paragraph', children: [{ type: 'text', value: 'See [2].' }] }],
    };
    remarkCitations()(tree);
    expect(tree.children[0].children).toEqual([
      { type: 'text', value: 'See ' },
      { type: 'link', url: '#cite-2', children: [{ type: 'text', value: '2' }] },
      { type: 'text', value: '.' },
    ]);
  });

  it('leaves code and existing links untouched', () => {
    const code = { type: 'code', value: 'items[1]' };
    const inline = { type: 'inlineCode', value: 'a[0]' };
    const link = { type: 'link', url: 'https://example.com', children: [{ type: 'text', value: '[3]' }] };
    const tree = { type: 'root', children: [code, { type: 'paragraph', children: [inline, link] }] };
    const before = structuredClone(tree);
    remarkCitations()(tree);
    expect(tree).toEqual(before);
  });
});

describe('citationIndexFromHref', () => {
  it('reads citation links only', () => {
    expect(citationIndexFromHref('#cite-4')).toBe(4);
    expect(citationIndexFromHref('#cite-x')).toBeUndefined();
    expect(citationIndexFromHref('https://example.com')).toBeUndefined();
    expect(citationIndexFromHref(undefined)).toBeUndefined();
  });
});
