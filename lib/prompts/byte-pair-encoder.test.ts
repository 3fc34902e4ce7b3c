import { Tiktoken } from 'js-tiktoken/lite';
import cl100kBase from 'js-tiktoken/ranks/cl100k_base';
import o200kBase from 'js-tiktoken/ranks/o200k_base';
import { describe, expect, it } from 'vitest';
import { boundPattern, createBytePairEncoder, maxPieceCharacters } from './byte-pair-encoder';

const paragraph =
  'Use an AbortController to cancel a fetch request: pass its signal in the options, then call ' +
  "abort() when the user navigates away. The promise rejects with an AbortError, which you can't " +
  'ignore silently — log it.\n\n```ts\nconst controller = new AbortController();\n    await fetch(url, { signal: controller.signal });\n```\n' +
  'Émile visited 東京 in 2024; naïve café, 1234567 items, ¿qué? 😀 <|endoftext|> done.';

const pathological = {
  ideographs: '文件'.repeat(1995),
  emoji: '😀'.repeat(4000),
  combiningMarks: `a${'\u0301'.repeat(4000)}`,
  spaces: ' '.repeat(50_000),
  secretLabel: `password=${' '.repeat(50_000)}`,
  letters: 'a'.repeat(20_000),
};

describe.each([
  ['cl100k_base', cl100kBase],
  ['o200k_base', o200kBase],
])('byte-pair encoder (%s)', (_name, rankFile) => {
  const encoder = createBytePairEncoder(rankFile);
  const reference = new Tiktoken(rankFile);

  it('encodes normal text exactly as the unsplit tokenizer does', () => {
    expect(encoder.encode(paragraph)).toEqual(reference.encode(paragraph, [], []));
    expect(encoder.decode(encoder.encode(paragraph))).toBe(paragraph);
  });

  it.each(Object.entries(pathological))(
    'encodes a long %s run in bounded pieces and round-trips it',
    (_kind, text) => {
      const tokens = encoder.encode(text);
      expect(tokens.length).toBeGreaterThan(text.length / (4 * maxPieceCharacters));
      expect(encoder.decode(tokens)).toBe(text);
    },
  );

  it('stops early once more than maxTokens tokens are known, keeping the same first tokens', () => {
    const all = encoder.encode(paragraph);
    const prefix = encoder.encode(paragraph, 10);
    expect(prefix.length).toBeGreaterThan(10);
    expect(prefix.length).toBeLessThan(all.length);
    expect(prefix).toEqual(all.slice(0, prefix.length));
  });
});

describe('boundPattern', () => {
  it('leaves no open-ended quantifier in either encoding pattern', () => {
    for (const rankFile of [cl100kBase, o200kBase]) {
      const bounded = boundPattern(rankFile.pat_str, 64);
      expect(bounded).not.toMatch(/[+*]/);
      expect(() => new RegExp(bounded, 'gu')).not.toThrow();
    }
  });
});
