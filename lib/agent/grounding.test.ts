import { describe, expect, it } from 'vitest';
import { createFakeRetriever } from '@/tests/support/fakes';
import { assessCoverage } from './grounding';

const retriever = createFakeRetriever();

describe('assessCoverage', () => {
  it('is confident when the passages mention what was asked', async () => {
    const { sources } = await retriever.retrieve({ query: 'How do I cancel a fetch request?' });
    expect(assessCoverage('How do I cancel a fetch request?', sources)).toMatchObject({
      lowConfidence: false,
    });
  });

  it('flags questions the documentation does not cover', async () => {
    const question = 'What is the capital of France?';
    const { sources } = await retriever.retrieve({ query: question, collection: 'python' });
    expect(assessCoverage(question, sources).lowConfidence).toBe(true);
  });

  it('flags empty retrieval and content-free questions', () => {
    expect(assessCoverage('anything', [])).toEqual({ coverage: 0, lowConfidence: true });
  });
});
