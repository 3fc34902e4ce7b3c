import { describe, expect, it } from 'vitest';
import type { RetrievedChunk } from '../contracts/retrieval';
import { notCoveredSentence } from '../prompts/answer-prompt';
import { apiName, renderLead, renderNotCovered, renderPassageSection } from './local-answer-markdown';
import type { ExtractedUnit } from './local-passage-units';

function chunk(title: string, heading: string): RetrievedChunk {
  return { id: title, collection: 'docs', source: `${title}.md`, title, heading, text: '', score: 1 };
}

function unit(kind: ExtractedUnit['kind'], text: string, order: number, language = ''): ExtractedUnit {
  return {
    kind,
    passage: 2,
    order,
    text,
    language,
    terms: [],
    headingTerms: [],
    section: 0,
    sectionHeading: '',
  };
}

describe('local answer Markdown', () => {
  it('names the page and the section in the lead, or the API the section documents', () => {
    expect(renderLead(chunk('fs', 'fs > Promises API > Reading files'), 'Reading files')).toBe(
      'Here is what the documentation says (from *fs › Reading files*):',
    );
    expect(renderLead(chunk('fs', ''), '')).toBe('Here is what the documentation says (from *fs*):');
    expect(renderLead(chunk('os.path', 'os.path.splitext(path)'), 'os.path.splitext(path)')).toBe(
      'Use `os.path.splitext(path)` (from *os.path*):',
    );
  });

  it('reads API names out of Sphinx and Node headings, and leaves prose headings alone', () => {
    expect(apiName('class csv.DictWriter(f, fieldnames)')).toBe('csv.DictWriter(f, fieldnames)');
    expect(apiName('`fs.readFile(path[, options], callback)`')).toBe(
      'fs.readFile(path[, options], callback)',
    );
    expect(apiName('Class: `fs.Dir`')).toBe('fs.Dir');
    expect(apiName('PurePath.suffix')).toBe('PurePath.suffix');
    expect(apiName('Reading and writing files')).toBeUndefined();
    expect(apiName('3.1.3. Lists')).toBeUndefined();
    expect(
      apiName(
        `shutil.copytree(src, dst, symlinks=False, ignore=None, copy_function=copy2, dirs_exist_ok=False)`,
      ),
    ).toBe('shutil.copytree(…)');
  });

  it('opens a section that documents another API with its name', () => {
    expect(renderPassageSection(2, [unit('sentence', 'The file extension.', 0)], 'PurePath.suffix')).toBe(
      '`PurePath.suffix`:\n\nThe file extension. [2]',
    );
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
