import { describe, expect, it } from 'vitest';
import { chunkDocument } from './chunk-document';
import type { DocumentBlock } from './document-blocks';

const text = (value: string): DocumentBlock => ({ kind: 'text', text: value });
const heading = (level: number, value: string): DocumentBlock => ({ kind: 'heading', level, text: value });
const code = (value: string, language = 'python'): DocumentBlock => ({ kind: 'code', text: value, language });
const sentence = (words: number) =>
  `${Array.from({ length: words }, (_, index) => `word${index}`).join(' ')}.`;

describe('chunkDocument', () => {
  it('starts a new chunk at each heading once the open one is long enough, with the heading path', () => {
    const chunks = chunkDocument({
      title: 'Guide',
      blocks: [
        heading(1, 'Guide'),
        heading(2, 'Install'),
        text(sentence(100)),
        heading(3, 'On Linux'),
        text(sentence(100)),
        heading(2, 'Use'),
        text(sentence(100)),
      ],
    });
    expect(chunks.map((chunk) => chunk.heading)).toEqual(['Install', 'Install > On Linux', 'Use']);
    expect(chunks.every((chunk) => chunk.hash.length === 24)).toBe(true);
  });

  it('drops the document title from the heading path but keeps other top-level headings', () => {
    const chunks = chunkDocument({ title: 'Guide', blocks: [heading(1, 'Other'), text('Body text.')] });
    expect(chunks[0].heading).toBe('Other');
  });

  it('merges short sections into one chunk under their shared parent, keeping inner headings as text', () => {
    const chunks = chunkDocument({
      title: 'API',
      blocks: [
        heading(2, 'Buffer'),
        heading(3, 'buf.length'),
        text('The length.'),
        heading(3, 'buf.fill()'),
        text('Fills it.'),
      ],
    });
    expect(chunks).toHaveLength(1);
    expect(chunks[0].heading).toBe('Buffer');
    expect(chunks[0].text).toContain('### buf.fill()');
    expect(chunks[0].text).toContain('Fills it.');
    // The heading the chunk was widened past stays in its text.
    expect(chunks[0].text.startsWith('### buf.length\n\nThe length.')).toBe(true);
  });

  it('makes every API entry a chunk of its own that carries its name, however short', () => {
    const api = (level: number, value: string): DocumentBlock => ({
      kind: 'heading',
      level,
      text: value,
      api: true,
    });
    const chunks = chunkDocument({
      title: 'base64',
      blocks: [
        heading(1, 'base64'),
        text('This module encodes binary data.'),
        api(2, 'base64.b64encode(s)'),
        text('Encode the bytes-like object s using Base64.'),
        { kind: 'section-end', level: 2 },
        api(2, 'base64.b64decode(s)'),
        text('Decode the Base64 encoded bytes-like object.'),
        { kind: 'section-end', level: 2 },
        text('The legacy interface:'),
      ],
    });
    expect(chunks.map((chunk) => [chunk.heading, chunk.text])).toEqual([
      ['', 'This module encodes binary data.'],
      ['base64.b64encode(s)', 'Encode the bytes-like object s using Base64.'],
      ['base64.b64decode(s)', 'Decode the Base64 encoded bytes-like object.'],
      ['', 'The legacy interface:'],
    ]);
  });

  it('never splits a code block that fits, and fences it with its language', () => {
    const body = Array.from({ length: 30 }, (_, index) => `value_${index} = compute(${index})`).join('\n');
    const chunks = chunkDocument({
      title: 'T',
      blocks: [text(sentence(120)), code(body), text(sentence(20))],
    });
    const withCode = chunks.filter((chunk) => chunk.text.includes('```python'));
    expect(withCode).toHaveLength(1);
    expect(withCode[0].text).toContain(body);
    expect(chunks.every((chunk) => chunk.text.length <= 1200)).toBe(true);
  });

  it('splits an oversized code block only at line breaks', () => {
    const lines = Array.from({ length: 200 }, (_, index) => `line_${index} = ${index}`);
    const chunks = chunkDocument({ title: 'T', blocks: [code(lines.join('\n'))] });
    expect(chunks.length).toBeGreaterThan(1);
    const recovered = chunks.flatMap((chunk) =>
      chunk.text.split('\n').filter((line) => !line.startsWith('```')),
    );
    expect(recovered).toEqual(lines);
  });

  it('cuts a code line that alone exceeds the limit, keeping every chunk bounded and the text whole', () => {
    const line = `x = "${'abc😀'.repeat(1_250)}"`;
    const chunks = chunkDocument({ title: 'T', blocks: [code(`first()\n${line}\nlast()`, 'a'.repeat(500))] });
    expect(chunks.length).toBeGreaterThan(4);
    expect(chunks.every((chunk) => chunk.text.length <= 1200)).toBe(true);
    const recovered = chunks
      .flatMap((chunk) => chunk.text.split('\n').filter((part) => !part.startsWith('```')))
      .join('');
    expect(recovered).toBe(`first()${line}last()`);
    expect(chunks.some((chunk) => /[\ud800-\udbff](?![\udc00-\udfff])/.test(chunk.text))).toBe(false);
  });

  it('splits oversized prose at sentence boundaries within the size limit', () => {
    const prose = Array.from(
      { length: 60 },
      (_, index) => `Sentence number ${index} says something useful.`,
    ).join(' ');
    const chunks = chunkDocument({ title: 'T', blocks: [text(prose)] });
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((chunk) => chunk.text.length <= 1200 && chunk.text.endsWith('.'))).toBe(true);
  });

  it('names overloaded signatures (same-level headings with nothing between) as one section', () => {
    const chunks = chunkDocument({
      title: 'T',
      blocks: [
        heading(2, 'bytes(source)'),
        heading(2, 'bytes(source, encoding)'),
        text('Return a bytes object.'),
      ],
    });
    expect(chunks[0].heading).toBe('bytes(source); bytes(source, encoding)');
  });

  it('closes API sections at section-end blocks', () => {
    const chunks = chunkDocument(
      {
        title: 'T',
        blocks: [
          heading(1, 'Module'),
          heading(2, 'copy(x)'),
          text(sentence(90)),
          { kind: 'section-end', level: 2 },
          text(sentence(90)),
        ],
      },
      { maxChars: 1200, minChars: 100 },
    );
    expect(chunks.map((chunk) => chunk.heading)).toEqual(['Module > copy(x)', 'Module']);
  });

  it('gives identical sections identical hashes, and a different heading or title a different hash', () => {
    const document = { title: 'T', blocks: [heading(2, 'A'), text('Same body.')] };
    const [first] = chunkDocument(document);
    const [again] = chunkDocument(document);
    const [otherHeading] = chunkDocument({ title: 'T', blocks: [heading(2, 'B'), text('Same body.')] });
    const [otherTitle] = chunkDocument({ ...document, title: 'U' });
    expect(first.hash).toBe(again.hash);
    expect(first.hash).not.toBe(otherHeading.hash);
    expect(first.hash).not.toBe(otherTitle.hash);
  });
});
