import { describe, expect, it } from 'vitest';
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
      { kind: 'heading', level: 1, text: 'Streams', anchor: 'streams' },
      { kind: 'text', text: 'Intro text\nover two lines.' },
      { kind: 'heading', level: 2, text: 'Usage', anchor: 'usage' },
      { kind: 'code', language: 'js', text: 'const a = 1;\n\na += 1;' },
      { kind: 'heading', level: 2, text: 'Notes', anchor: 'notes' },
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
      { kind: 'heading', level: 1, text: 'Fs', anchor: 'fs' },
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
      { kind: 'heading', level: 1, text: 'Page', anchor: 'page' },
      { kind: 'text', text: 'Keep this text' },
    ]);
  });

  it('keeps code fence content verbatim, HTML comments included, and drops comments elsewhere', () => {
    const document = parseMarkdown(
      '# Html\n\n```html\n<!-- keep me -->\n<p>hi</p>\n<!-- unclosed\n```\n\nText <!-- drop\nme --> after.\n\n<!-- drop me too -->',
    );
    expect(document.blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Html', anchor: 'html' },
      { kind: 'code', language: 'html', text: '<!-- keep me -->\n<p>hi</p>\n<!-- unclosed' },
      { kind: 'text', text: 'Text\nafter.' },
    ]);
  });

  it('drops everything after an unclosed comment outside code, as HTML does', () => {
    expect(parseMarkdown('Before.\n\n<!-- open\n# Hidden\n```\ncode\n```').blocks).toEqual([
      { kind: 'text', text: 'Before.' },
    ]);
  });

  it('strips comments in one pass over hostile input', () => {
    expect(parseMarkdown('x <!--'.repeat(200_000)).blocks).toEqual([{ kind: 'text', text: 'x' }]);
    expect(parseMarkdown(`<!--\n${'-->'.repeat(200_000)}`).blocks).toHaveLength(1);
    expect(parseMarkdown('<!-- a --> b\n'.repeat(50_000)).blocks).toHaveLength(1);
  });
});
