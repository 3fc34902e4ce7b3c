import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCorpusChunks } from '@/tests/support/fakes';
import type { AnswerRequest } from '../contracts/models';
import type { RetrievedChunk } from '../contracts/retrieval';
import { notCoveredSentence } from '../prompts/answer-prompt';
import { composeExtractiveAnswer, createLocalAnswerModel, localAnswerModelId } from './local-answer-model';

const corpus = loadCorpusChunks();
const golden: { q: string; collection: string; expect: string[] }[] = JSON.parse(
  fs.readFileSync('data/corpus/golden-questions.json', 'utf8'),
).questions;

const citations = (text: string) => [...text.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));

/** Passages of the expected file mixed with unrelated ones, the expected file never first. */
function mixedContext(question: (typeof golden)[number]): RetrievedChunk[] {
  const expected = corpus.filter((chunk) => question.expect.includes(chunk.source)).slice(0, 4);
  const others = corpus
    .filter((chunk) => chunk.collection === question.collection && !question.expect.includes(chunk.source))
    .filter((_, position) => position % 7 === 3)
    .slice(0, 3);
  return [others[0], ...expected, ...others.slice(1)];
}

function request(
  question: string,
  context: RetrievedChunk[],
  signal = new AbortController().signal,
): AnswerRequest {
  return { messages: [], question, context, signal };
}

describe('composeExtractiveAnswer on the starter corpus', () => {
  const answerable = golden.filter((question) =>
    corpus.some((chunk) => question.expect.includes(chunk.source)),
  );

  it('leads with a passage from the right document for nearly every golden question', () => {
    const hits = answerable.filter((question) => {
      const context = mixedContext(question);
      const [first] = citations(composeExtractiveAnswer(question.q, context, false));
      return first !== undefined && question.expect.includes(context[first - 1].source);
    });
    expect(answerable.length).toBeGreaterThanOrEqual(20);
    expect(hits.length / answerable.length).toBeGreaterThanOrEqual(0.9);
  });

  it('cites only passages that exist, and every section is cited', () => {
    for (const question of answerable) {
      const context = mixedContext(question);
      const answer = composeExtractiveAnswer(question.q, context, false);
      const cited = citations(answer);
      expect(cited.length).toBeGreaterThan(0);
      for (const index of cited) expect(index).toBeGreaterThanOrEqual(1);
      for (const index of cited) expect(index).toBeLessThanOrEqual(context.length);
    }
  });

  it('quotes the relevant sentence and code for a concrete question', () => {
    const context = corpus.filter((chunk) => chunk.source === 'abortcontroller-cancellation.md');
    const answer = composeExtractiveAnswer('How do I cancel a fetch request?', context, false);
    expect(answer).toMatch(
      /^(Here is what the documentation says \(from|Use `[^`]+` \(from) \*Cancellation with AbortController/,
    );
    expect(answer).toContain('controller.abort()');
    expect(answer).toMatch(/```js\n/);
    // Fences are balanced, so the markdown renders.
    expect((answer.match(/```/g) ?? []).length % 2).toBe(0);
  });

  it('says the documentation does not cover it instead of guessing when confidence is low', () => {
    const context = corpus.slice(0, 3);
    const answer = composeExtractiveAnswer('What is the capital of France?', context, true);
    expect(answer.startsWith(notCoveredSentence)).toBe(true);
    expect(citations(answer)).toEqual([1, 2, 3]);
    expect(composeExtractiveAnswer('Anything?', [], false)).toBe(notCoveredSentence);
  });

  it('says so too when no passage shares a word with the question', () => {
    const answer = composeExtractiveAnswer('Quantum chromodynamics gluons?', corpus.slice(0, 2), false);
    expect(answer.startsWith(notCoveredSentence)).toBe(true);
  });

  it('keeps code from a passage cut inside a code block, with a closed fence', () => {
    const cut: RetrievedChunk = {
      ...corpus[0],
      text: 'Reading a file is easy with the open function in Python.\n\n```python\nwith open("a.txt") as f:\n    print(f.read())',
    };
    const answer = composeExtractiveAnswer('How do I read a file with open?', [cut], false);
    expect(answer).toContain('with open("a.txt") as f:');
    expect((answer.match(/```/g) ?? []).length).toBe(2);
  });
});

describe('composeExtractiveAnswer on API reference pages', () => {
  const page = (collection: string, source: string, heading: string, text: string): RetrievedChunk => ({
    id: `${collection}/${source}/${heading}`,
    collection,
    source,
    title: source.replace(/\..*$/, ''),
    heading,
    text,
    score: 1,
  });
  const osPath = page(
    'python',
    'os.path.html',
    'os.path.splitext(path)',
    [
      'Split the pathname path into a pair `(root, ext)` such that the extension is empty or begins with a period.',
      "If the path contains no extension, ext will be '':",
      "```python3\n>>> splitext('bar')\n('bar', '')\n```",
      '#### os.path.ismount(path)',
      'Return True if pathname path is a mount point: a point in a file system where a different file system has been mounted.',
    ].join('\n\n'),
  );

  it('leads with the API the best section documents, its first sentence and its own example', () => {
    const answer = composeExtractiveAnswer('How do I get the extension of a path?', [osPath], false);
    expect(answer.startsWith('Use `os.path.splitext(path)` (from *os*):')).toBe(true);
    expect(answer).toContain('Split the pathname path into a pair `(root, ext)`');
    expect(answer).toContain(">>> splitext('bar')");
    // The other section of the page is not stitched in.
    expect(answer).not.toContain('mount point');
  });

  it('keeps to one collection when the passages mix two, and says so in one line', () => {
    const node = page(
      'javascript',
      'path.md',
      '`path.extname(path)`',
      'The `path.extname()` method returns the extension of the path.',
    );
    const answer = composeExtractiveAnswer('How do I get the extension of a path?', [osPath, node], false);
    expect(answer.split('\n')[0]).toBe(
      'This could be about *python* or *javascript*; this answer is for *python*.',
    );
    expect(answer).not.toContain('extname');
    const named = composeExtractiveAnswer(
      'How do I get the extension of a path in javascript?',
      [osPath, node],
      false,
    );
    expect(named).toContain('extname');
    expect(named).not.toContain('This could be about');
  });
});

describe('createLocalAnswerModel', () => {
  const context = corpus.filter((chunk) => chunk.source === 'abortcontroller-cancellation.md');
  const question = 'How do I cancel a fetch request?';

  it('is labelled as the local provider', () => {
    const model = createLocalAnswerModel();
    expect(model.id).toBe(localAnswerModelId);
    expect(model.provider).toBe('local');
  });

  it('streams the answer token by token', async () => {
    const model = createLocalAnswerModel({ maxTokenDelayMs: 1, targetStreamMs: 20 });
    const tokens: string[] = [];
    for await (const event of model.stream(request(question, context))) {
      if (event.type === 'text') tokens.push(event.text);
    }
    expect(tokens.length).toBeGreaterThan(20);
    expect(tokens.join('')).toBe(composeExtractiveAnswer(question, context, false));
  });

  it('passes low confidence through to the answer', async () => {
    const model = createLocalAnswerModel({ maxTokenDelayMs: 0 });
    let text = '';
    for await (const event of model.stream({ ...request(question, context), lowConfidence: true })) {
      if (event.type === 'text') text += event.text;
    }
    expect(text.startsWith(notCoveredSentence)).toBe(true);
  });

  it('stops promptly when the signal aborts', async () => {
    const controller = new AbortController();
    const model = createLocalAnswerModel({ maxTokenDelayMs: 50, targetStreamMs: 60_000 });
    const received: string[] = [];
    const consume = (async () => {
      for await (const event of model.stream(request(question, context, controller.signal))) {
        if (event.type === 'text') received.push(event.text);
        if (received.length === 2) controller.abort();
      }
    })();
    await expect(consume).rejects.toMatchObject({ name: 'AbortError' });
    expect(received).toHaveLength(2);
  });
});
