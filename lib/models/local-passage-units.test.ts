import { describe, expect, it } from 'vitest';
import type { RetrievedChunk } from '../contracts/retrieval';
import { splitIntoUnits } from './local-passage-units';

const chunk = (text: string): RetrievedChunk => ({
  id: 'x',
  collection: 'javascript',
  source: 'x.md',
  title: 'Streams',
  heading: 'Streams > Basics',
  text,
  score: 1,
});

describe('splitIntoUnits', () => {
  it('splits prose into sentences, keeps code blocks and list items, skips headings and tables', () => {
    const units = splitIntoUnits(
      chunk(
        [
          '## Piping streams',
          'Streams move data in chunks. Use `stream.pipeline()` to connect them, e.g. a file to gzip.',
          '',
          '```js',
          'await pipeline(source, zlib.createGzip(), destination);',
          '```',
          '',
          '- `pipeline` forwards errors and cleans up every stream in the chain.',
          '  It also supports an AbortSignal.',
          '| a | b |',
          '|---|---|',
        ].join('\n'),
      ),
      2,
    );
    expect(units.map((unit) => unit.kind)).toEqual(['sentence', 'sentence', 'code', 'list-item']);
    expect(units[1].text).toBe('Use `stream.pipeline()` to connect them, e.g. a file to gzip.');
    expect(units[2]).toMatchObject({ language: 'js', passage: 2 });
    expect(units[3].text).toContain('It also supports an AbortSignal.');
    expect(units[0].headingTerms).toEqual(expect.arrayContaining(['pipe', 'stream']));
    expect(units.map((unit) => unit.order)).toEqual([0, 1, 2, 3]);
  });

  it('drops fragments too short to stand alone', () => {
    expect(splitIntoUnits(chunk('Short one.'), 1)).toEqual([]);
  });
});
