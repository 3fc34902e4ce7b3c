import { describe, expect, it } from 'vitest';
import type { SourcePart } from '../contracts/ui-message';
import { answerCases, answerFileSchema } from './answer-questions';
import { judgeAnswer } from './evaluate-answers';

const source = (index: number, page: string, text: string): SourcePart => ({
  index,
  collection: 'python',
  source: page,
  title: page,
  heading: '',
  score: 1,
  text,
});

describe('answer evaluation', () => {
  const file = answerFileSchema.parse({
    questions: [{ q: 'How do I hash bytes?', collection: 'python', keys: ['sha256('], split: 'tune' }],
    followups: [
      {
        history: ['How do I read a CSV file?'],
        q: 'With a semicolon instead?',
        collection: 'python',
        keys: ['delimiter'],
      },
    ],
  });

  it('turns questions and follow-ups into cases, optionally of one split', () => {
    expect(answerCases(file).map((entry) => [entry.question, entry.history])).toEqual([
      ['How do I hash bytes?', []],
      ['With a semicolon instead?', ['How do I read a CSV file?']],
    ]);
    expect(answerCases(file, 'tune')).toHaveLength(1);
    expect(file.thresholds).toEqual({});
  });

  it('checks keys in the top sources and the answer, citations and repeated pages', () => {
    const [entry] = answerCases(file);
    const good = judgeAnswer(entry, {
      answer: 'Use `hashlib.sha256(data)` [1].',
      sources: [
        source(1, 'hashlib.html', 'hashlib.sha256(data) returns a hash object.'),
        source(2, 'hmac.html', 'HMAC.'),
      ],
      routedTo: ['python'],
      status: 'ok',
    });
    expect(good).toMatchObject({
      keyInSources: true,
      keyInAnswer: true,
      cites: true,
      citationsValid: true,
      duplicatePages: false,
    });
    const bad = judgeAnswer(entry, {
      answer: 'Hash it [3].',
      sources: [source(1, 'hashlib.html', 'Hash objects.'), source(2, 'hashlib.html', 'More.')],
      routedTo: ['python'],
      status: 'ok',
    });
    expect(bad).toMatchObject({
      keyInSources: false,
      keyInAnswer: false,
      cites: true,
      citationsValid: false,
      duplicatePages: true,
    });
  });

  it('does not count list literals inside code as citations', () => {
    const [entry] = answerCases(file);
    const outcome = judgeAnswer(entry, {
      answer: 'Example [1]:\n\n```python\n>>> sample([10, 20, 30], k=2)\n```\n\nOr `xs[0]` [2].',
      sources: [source(1, 'random.html', 'sample'), source(2, 'random.html#choice', 'choice')],
      routedTo: ['python'],
      status: 'ok',
    });
    expect(outcome).toMatchObject({ cites: true, citationsValid: true });
  });
});
