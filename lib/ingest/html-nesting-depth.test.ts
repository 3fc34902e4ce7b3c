import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { htmlNestingDepth } from './html-nesting-depth';

const voidTags = new Set(['br', 'img', 'hr']);

/** The depth of the tree node-html-parser builds, void elements aside (they never hold children). */
function parsedDepth(html: string): number {
  const depthOf = (node: ReturnType<typeof parse>): number =>
    (voidTags.has(node.rawTagName) ? 0 : 1) +
    Math.max(
      0,
      ...node.childNodes.map((child) =>
        child.nodeType === 1 ? depthOf(child as ReturnType<typeof parse>) : 0,
      ),
    );
  return (
    depthOf(
      parse(html, { comment: false, blockTextElements: { script: true, style: true, noscript: true } }),
    ) - 1
  );
}

describe('htmlNestingDepth', () => {
  it('matches the parser on closed, implicitly closed and void elements', () => {
    for (const html of [
      '<div><section><div>x</div></section></div>',
      '<ul><li>a<li>b<li>c</ul>',
      '<p>one<p>two<div>three</div>',
      '<table><tr><td>a<td>b<tr><td>c</table>',
      '<dl><dt>term<dd>definition<dt>other</dl>',
      '<main><p>para<br><img src=x><hr/></main>',
      '<section><p>text</section><p>after',
    ]) {
      expect(htmlNestingDepth(html), html).toBe(parsedDepth(html));
    }
  });

  it('counts the nesting of tags the parser never closes, such as <p> and <li> in turn', () => {
    const html = `<main>${'<p>para<li>item'.repeat(50)}</main>`;
    expect(htmlNestingDepth(html)).toBe(101);
    expect(htmlNestingDepth(`<main>${'<p>para<li>item'.repeat(5_000)}</main>`)).toBe(10_001);
  });

  it('reads script and style text as text, and stray < as no tag', () => {
    expect(htmlNestingDepth(`<div><script>${'<div>'.repeat(5_000)}</script></div>`)).toBe(2);
    expect(htmlNestingDepth(`<style>${'<b>'.repeat(100)}`)).toBe(1);
    expect(htmlNestingDepth(`${'<'.repeat(50_000)}<div>`)).toBe(1);
    expect(htmlNestingDepth('<div></span></div>')).toBe(1);
  });
});
