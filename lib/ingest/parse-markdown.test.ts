import { describe, expect, it } from 'vitest';
import { UnreadableDocumentError } from './document-blocks';
import { parseMarkdown } from './parse-markdown';

describe('parseMarkdown', () => {
  it('parses ATX and setext headings, fenced code and paragraphs', () => {
    const document = parseMarkdown(
      [
        '# Streams',
        '',
        'Intro text',
        'over two lines.',
        '',
        'Usage',
        '-----',
        '',
        '```js',
        'const a = 1;',
        '',
        'a += 1;',
        '```',
        '## Notes ##',
      ].join('\n'),
    );
    expect(document.title).toBe('Streams');
    expect(document.blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Streams' },
      { kind: 'text', text: 'Intro text\nover two lines.' },
      { kind: 'heading', level: 2, text: 'Usage' },
      { kind: 'code', language: 'js', text: 'const a = 1;\n\na += 1;' },
      { kind: 'heading', level: 2, text: 'Notes' },
    ]);
  });

  it('does not treat # lines inside code fences as headings', () => {
    const document = parseMarkdown('~~~bash\n# install it\nnpm i\n~~~');
    expect(document.blocks).toEqual([{ kind: 'code', language: 'bash', text: '# install it\nnpm i' }]);
  });

  it('drops HTML comments (including multi-line YAML metadata) and link reference definitions', () => {
    const document = parseMarkdown(
      '# Fs\n\n<!-- YAML\nadded: v0.1\n-->\n\nSee [`fs.watch()`][] and [the docs](https://example.com/x).\n\n[`fs.watch()`]: #fswatch',
    );
    expect(document.blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Fs' },
      { kind: 'text', text: 'See `fs.watch()` and the docs.' },
    ]);
  });

  it('takes the title from front matter and skips it', () => {
    const document = parseMarkdown('---\ntitle: "Getting started"\nslug: x\n---\nBody.');
    expect(document.title).toBe('Getting started');
    expect(document.blocks).toEqual([{ kind: 'text', text: 'Body.' }]);
  });

  it('drops MDX import/export lines and JSX tags', () => {
    const document = parseMarkdown("import Tabs from './tabs';\n\n# Page\n\n<Note>Keep this text</Note>", {
      mdx: true,
    });
    expect(document.blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Page' },
      { kind: 'text', text: 'Keep this text' },
    ]);
  });

  it('keeps code fence content verbatim, HTML comments included', () => {
    const document = parseMarkdown('# Html\n\n```html\n<!-- keep me -->\n<p>hi</p>\n```\n\n<!-- drop me -->');
    expect(document.blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Html' },
      { kind: 'code', language: 'html', text: '<!-- keep me -->\n<p>hi</p>' },
    ]);
  });

  it('reads a list as one block, an item per line, and quotes as their text', () => {
    const document = parseMarkdown('- one\n- two *stressed*\n  - nested\n\n3. three\n\n> quoted\n> text');
    expect(document.blocks).toEqual([
      { kind: 'text', text: '- one\n- two stressed\n- nested' },
      { kind: 'text', text: '3. three' },
      { kind: 'text', text: 'quoted\ntext' },
    ]);
  });

  it('keeps the words of a reference without a definition', () => {
    expect(parseMarkdown('See [`fs.watch()`][] now.').blocks).toEqual([
      { kind: 'text', text: 'See `fs.watch()` now.' },
    ]);
  });
});

describe('hostile Markdown', () => {
  it('parses 200,000 unclosed brackets, keeping the text', () => {
    const document = parseMarkdown('['.repeat(200_000));
    expect(document.blocks).toEqual([{ kind: 'text', text: '['.repeat(200_000) }]);
  });

  it.each([
    ['runs of stars', `${'*'.repeat(20_000)}a${'*'.repeat(20_000)}`],
    ['alternating stars', '*a'.repeat(40_000)],
    ['underscores', '_a '.repeat(40_000)],
  ])('refuses a paragraph of thousands of emphasis marks (%s)', (_name, source) => {
    expect(() => parseMarkdown(source)).toThrow(/emphasis marks/);
  });

  it('parses emphasis marks spread over many paragraphs, and inside fenced code', () => {
    const source = `${'*a* _b_ **c**\n\n'.repeat(2_000)}\`\`\`\n${'x_y *p\n'.repeat(2_000)}\`\`\``;
    expect(parseMarkdown(source).blocks).toHaveLength(2_001);
  });

  it.each([
    ['quotes', `${'>'.repeat(20_000)} x`],
    ['lists', `${'- '.repeat(10_000)}x`],
  ])('refuses thousands of %s nested on one line before the parser sees them', (_name, source) => {
    expect(() => parseMarkdown(source)).toThrow(UnreadableDocumentError);
    expect(() => parseMarkdown(source)).toThrow(/nested \d+ containers deep/);
  });

  it.each([
    ['a quote', `> x\n${'y\n'.repeat(100_000)}`],
    ['a list item', `- x\n${'y\n'.repeat(100_000)}`],
    ['a quote whose lines alternate with lazy ones', '> x\ny\n'.repeat(50_000)],
    ['a list item paragraph after a blank line', `- x\n\n  y\n${'z\n'.repeat(100_000)}`],
  ])('refuses %s continued by thousands of lazy lines', (_name, source) => {
    expect(() => parseMarkdown(source)).toThrow(/lazy continuation lines/);
  });
});
