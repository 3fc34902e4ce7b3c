import { describe, expect, it } from 'vitest';
import { parsePlainText } from './parse-plain-text';
import { parseRst } from './parse-rst';

describe('parseRst', () => {
  const source = [
    '=====',
    'Guide',
    '=====',
    '',
    'Intro with ``code`` and a :func:`len` role and a `link <https://x.org>`_.',
    '',
    'Install',
    '-------',
    '',
    'Run this::',
    '',
    '    pip install thing',
    '    thing --help',
    '',
    '.. code-block:: python',
    '   :linenos:',
    '',
    '   print("hi")',
    '',
    '.. note::',
    '   Remember this.',
    '',
    '.. a comment that is dropped',
    '',
    'Usage',
    '-----',
    '',
    'Done.',
  ].join('\n');
  const document = parseRst(source);

  it('reads overlined and underlined titles with levels in order of appearance', () => {
    expect(document.title).toBe('Guide');
    const headings = document.blocks.filter((block) => block.kind === 'heading');
    expect(headings).toEqual([
      { kind: 'heading', level: 1, text: 'Guide' },
      { kind: 'heading', level: 2, text: 'Install' },
      { kind: 'heading', level: 2, text: 'Usage' },
    ]);
  });

  it('keeps literal blocks and code directives as code, directive bodies as text, and drops comments', () => {
    expect(document.blocks).toContainEqual({ kind: 'text', text: 'Run this:' });
    expect(document.blocks).toContainEqual({
      kind: 'code',
      language: '',
      text: 'pip install thing\nthing --help',
    });
    expect(document.blocks).toContainEqual({ kind: 'code', language: 'python', text: 'print("hi")' });
    expect(document.blocks).toContainEqual({ kind: 'text', text: 'Remember this.' });
    expect(JSON.stringify(document.blocks)).not.toContain('comment that is dropped');
  });

  it('reduces inline markup to its text', () => {
    expect(document.blocks).toContainEqual({
      kind: 'text',
      text: 'Intro with `code` and a len role and a link.',
    });
  });
});

describe('parsePlainText', () => {
  it('splits paragraphs and uses a short first line as the title', () => {
    expect(parsePlainText('Release notes\n\nFirst paragraph.\n\n\nSecond one.')).toEqual({
      title: 'Release notes',
      blocks: [
        { kind: 'text', text: 'Release notes' },
        { kind: 'text', text: 'First paragraph.' },
        { kind: 'text', text: 'Second one.' },
      ],
    });
  });
});
