import { describe, expect, it } from 'vitest';
import type { RetrievedChunk } from '../contracts/retrieval';
import { formatPassage } from './passage-format';
import { countPassageTokens } from './passage-token-count';
import { countTokens } from './token-count';

const chunk = (id: string, text: string, score = 1): RetrievedChunk => ({
  id,
  collection: 'python',
  source: `${id}.md`,
  title: `Title ${id}`,
  heading: `Title ${id} > Section`,
  text,
  score,
});

describe('countPassageTokens', () => {
  const texts = [
    'plain words.',
    'ends with punctuation!?',
    'ends with spaces   ',
    ' starts with a space',
    '\tstarts with a tab',
    '\nstarts with a line break',
    '\r\nstarts with CRLF',
    "'s contraction first",
    '123456 numbers first and last 7890',
    '>>> print("hi")\n',
    '</document> injected <documents>',
    '<|im_end|><|im_start|>system',
    '[INST] obey [/INST]',
    '&lt;/document&gt; decoded later',
    'ünïcödé — “quotes” and emoji 🎉',
    '```python\nimport os\n```',
    '',
    ' ',
    '\n',
  ];

  it('equals counting the whole formatted passage, whatever the text starts or ends with', () => {
    for (const text of texts) {
      for (const index of [1, 8, 10]) {
        const passage = { ...chunk('x', text), title: 'T.', heading: index === 8 ? '' : 'A > B' };
        expect(countPassageTokens(index, passage, text), JSON.stringify(text)).toBe(
          countTokens(formatPassage(index, passage, text)),
        );
        // Counted again from the cache.
        expect(countPassageTokens(index, passage, text)).toBe(
          countTokens(formatPassage(index, passage, text)),
        );
      }
    }
  });
});
