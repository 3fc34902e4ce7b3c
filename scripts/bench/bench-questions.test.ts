import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadQuestions, questionTag, uniqueQuestion } from './bench-questions';

describe('uniqueQuestion', () => {
  const questions = [{ text: 'How do I sort?', collection: 'python' }, { text: 'What is a Promise?' }];

  it('cycles through the questions, making each text unique and taggable', () => {
    const asked = Array.from({ length: 5 }, (_, index) => uniqueQuestion(questions, 'k3x9', index));
    expect(new Set(asked.map((question) => question.text)).size).toBe(5);
    expect(asked[2]).toEqual({ text: 'How do I sort? (bqk3x9n2)', collection: 'python' });
    expect(questionTag(JSON.stringify({ messages: [{ content: `Context...\n${asked[3].text}` }] }))).toBe(
      'bqk3x9n3',
    );
  });

  it('finds no tag in ordinary text', () => {
    expect(questionTag('How do I sort a list?')).toBeUndefined();
  });
});

describe('loadQuestions', () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-questions-'));
  let files = 0;
  const write = (content: string) => {
    const file = path.join(directory, `questions-${files++}.json`);
    fs.writeFileSync(file, content);
    return file;
  };
  afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('reads the golden question format', () => {
    const file = write(
      JSON.stringify({ about: 'x', questions: [{ q: 'Why?', collection: 'python', expect: [] }] }),
    );
    expect(loadQuestions(file)).toEqual([{ text: 'Why?', collection: 'python' }]);
  });

  it('explains unreadable or malformed files', () => {
    expect(() => loadQuestions('/nonexistent/questions.json')).toThrow(/cannot read questions/);
    expect(() => loadQuestions(write('{"questions": []}'))).toThrow(/not a question file/);
    expect(() => loadQuestions(write('not json'))).toThrow(/cannot read questions/);
  });
});
