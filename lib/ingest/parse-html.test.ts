import { describe, expect, it } from 'vitest';
import { type DocumentBlock, UnreadableDocumentError } from './document-blocks';
import { htmlNestingDepth } from './html-nesting-depth';
import { parseHtml } from './parse-html';

const sphinxPage = `<!DOCTYPE html><html><head><title>timeit — Measure execution time &#8212; Python 3.11 documentation</title>
<script>var tracking = "SCRIPT_TEXT";</script><style>.body { color: red } STYLE_TEXT</style></head>
<body><nav class="nav-content" role="navigation"><a href="/">NAV_TEXT</a></nav>
<div class="related" role="navigation"><ul><li>RELATED_TEXT</li></ul></div>
<div class="document"><div class="sphinxsidebar" role="navigation"><h3>Table of Contents</h3><p>SIDEBAR_TEXT</p></div>
<div class="body" role="main">
<section id="timeit"><h1>timeit — Measure execution time<a class="headerlink" href="#timeit">¶</a></h1>
<p>This module provides a <em>simple</em> way to time small bits of Python code.</p>
<section id="examples"><h2>Basic Examples<a class="headerlink" href="#examples">¶</a></h2>
<div class="highlight-python3 notranslate"><div class="highlight"><pre><span class="gp">&gt;&gt;&gt; </span><span class="kn">import</span> timeit
<span class="n">timeit</span><span class="o">.</span>timeit(<span class="s1">&#39;&quot;-&quot;.join(str(n) for n in range(100))&#39;</span>, number=10000)
</pre></div></div>
<dl class="py function"><dt class="sig sig-object py" id="timeit.timeit"><span class="sig-name descname">timeit.timeit</span><span class="sig-paren">(</span><em class="sig-param">stmt='pass'</em><span class="sig-paren">)</span><a class="headerlink" href="#timeit.timeit">¶</a></dt>
<dd><p>Create a Timer instance with the given statement.</p></dd></dl>
<ul><li><p>First point.</p></li><li>Second point.</li></ul>
</section></section></div></div>
<footer class="footer">FOOTER_TEXT</footer></body></html>`;

function render(blocks: DocumentBlock[]): string {
  return blocks
    .map((block) =>
      block.kind === 'heading'
        ? `H${block.level} ${block.text}`
        : block.kind === 'section-end'
          ? `END${block.level}`
          : block.text,
    )
    .join('\n');
}

describe('parseHtml', () => {
  const document = parseHtml(sphinxPage);
  const all = render(document.blocks);

  it('keeps only the main content: no navigation, sidebars, scripts, styles, footers or permalink marks', () => {
    for (const noise of [
      'SCRIPT_TEXT',
      'STYLE_TEXT',
      'NAV_TEXT',
      'RELATED_TEXT',
      'SIDEBAR_TEXT',
      'Table of Contents',
      'FOOTER_TEXT',
      '¶',
    ]) {
      expect(all).not.toContain(noise);
    }
  });

  it('titles the document after its first heading', () => {
    expect(document.title).toBe('timeit — Measure execution time');
  });

  it('keeps headings with their levels and prose with inline markup flattened', () => {
    expect(document.blocks).toContainEqual({
      kind: 'heading',
      level: 1,
      text: 'timeit — Measure execution time',
      anchor: 'timeit',
    });
    expect(document.blocks).toContainEqual({
      kind: 'heading',
      level: 2,
      text: 'Basic Examples',
      anchor: 'examples',
    });
    expect(all).toContain('This module provides a simple way to time small bits of Python code.');
  });

  it('keeps code blocks whole, with entities decoded, highlighting removed and the language noted', () => {
    const codeBlock = document.blocks.find((block) => block.kind === 'code');
    expect(codeBlock).toEqual({
      kind: 'code',
      language: 'python3',
      text: `>>> import timeit\ntimeit.timeit('"-".join(str(n) for n in range(100))', number=10000)`,
    });
  });

  it('turns Sphinx API signatures into nested headings closed at the end of their entry', () => {
    expect(document.blocks).toContainEqual({
      kind: 'heading',
      level: 3,
      text: "timeit.timeit(stmt='pass')",
      api: true,
      anchor: 'timeit.timeit',
    });
    expect(all).toMatch(
      /H3 timeit\.timeit\(stmt='pass'\)\nCreate a Timer instance with the given statement\.\nEND3/,
    );
  });

  it('renders list items as bullets even when their text sits in a paragraph', () => {
    expect(all).toContain('- First point.\n- Second point.');
  });

  it('falls back to the page title and the body when there is no main element or heading', () => {
    const plain = parseHtml(
      '<html><head><title>Plain page</title></head><body><p>Just text.</p></body></html>',
    );
    expect(plain.title).toBe('Plain page');
    expect(plain.blocks).toEqual([{ kind: 'text', text: 'Just text.' }]);
  });
});

describe('hostile HTML', () => {
  it('refuses a page of thousands of unclosed nested tags in linear time, before the parser sees it', () => {
    const hostile = `<html><body>${'<a>'.repeat(66_000)}text</body></html>`;
    expect(htmlNestingDepth(hostile)).toBe(66_002);
    expect(() => parseHtml(hostile)).toThrow(UnreadableDocumentError);
    expect(() => parseHtml(hostile)).toThrow(/nested 66002 elements deep/);
  });

  it('counts only real nesting: void, self-closing and closed tags do not deepen it', () => {
    const flat = `<main>${'<p>para<br><img src=x></p><ul><li>item<li>next</ul><hr/>'.repeat(5_000)}</main>`;
    expect(htmlNestingDepth(flat)).toBe(3);
    expect(parseHtml(flat).blocks.length).toBeGreaterThan(0);
    expect(htmlNestingDepth('<div><section><div>x</div></section></div>')).toBe(3);
    // Stray `<` never becomes a tag, and a tag never spans one.
    expect(htmlNestingDepth(`${'<'.repeat(50_000)}<div>`)).toBe(1);
  });

  it('refuses thousands of <p> and <li> left open in turn, which the parser nests one level each', () => {
    const unclosed = `<main>${'<p>para<br><img src=x><li>item<hr/>'.repeat(5_000)}</main>`;
    expect(() => parseHtml(unclosed)).toThrow(/nested 10001 elements deep/);
  });
});
