import { describe, expect, it } from 'vitest';
import type { RetrievedChunk } from '../contracts/retrieval';
import { notCoveredSentence } from '../prompts/answer-prompt';
import { renderLead, renderNotCovered, renderPassageSection } from './local-answer-markdown';
import type { ExtractedUnit } from './local-passage-units';

function chunk(title: string, heading: string): RetrievedChunk {
  return { id: title, collection: 'docs', source: `${title}.md`, title, heading, text: '', score: 1 };
}

function unit(kind: ExtractedUnit['kind'], text: string, order: number, language = ''): ExtractedUnit {
  return { kind, passage: 2, order, text, language, terms: [], headingTerms: [] };
}

describe('local answer Markdown', () => {
  it('names the page and its last heading in the lead', () => {
    expect(renderLead(chunk('fs', 'fs > Promises API > readFile'))).toBe(
      'Here is what the documentation says (from *fs › readFile*):',
    );
    expect(renderLead(chunk('fs', ''))).toBe('Here is what the documentation says (from *fs*):');
  });

  it('joins prose, lists items and fences code, citing every block', () => {
    const section = renderPassageSection(2, [
      unit('sentence', 'Reads a file.', 0),
      unit('sentence', 'It returns a promise.', 1),
      unit('code', 'await readFile(path)', 2, 'js'),
      unit('list-item', 'path is a string', 3),
    ]);
    expect(section).toBe(
      'Reads a file. It returns a promise. [2]\n\n```js\nawait readFile(path)\n```\n\n- path is a string [2]',
    );
  });

  it('gives code standing alone its own lead-in and cuts long code', () => {
    const code = Array.from({ length: 40 }, (_, line) => `line ${line}`).join('\n');
    const section = renderPassageSection(2, [unit('code', code, 0)]);
    expect(section.startsWith('Example [2]:\n\n```\nline 0')).toBe(true);
    expect(section).toContain('line 29\n…\n```');
    expect(section).not.toContain('line 30');
  });

  it('points at the closest passages when they do not cover the question', () => {
    const answer = renderNotCovered([chunk('fs', 'fs > Streams'), chunk('path', 'path')]);
    expect(answer).toBe(
      `${notCoveredSentence} The closest related passages I found are:\n\n- *fs* › Streams [1]\n- *path* [2]`,
    );
  });
});
