import { describe, expect, it } from 'vitest';
import { createScriptedModel, textSteps } from '@/tests/support/fakes';
import type { ConversationTurn } from '../contracts/conversation';
import { isFollowUp, mergeFollowUpQuery, rewriteFollowUpQuery } from './standalone-query';

const fetchHistory: ConversationTurn[] = [
  { role: 'user', text: 'How do I make an HTTP request with fetch in Node.js?' },
  { role: 'assistant', text: 'Use fetch(url) and await the response [1].' },
];

describe('isFollowUp', () => {
  it('spots pronouns, continuations and topic-less questions after an earlier turn', () => {
    expect(isFollowUp('and how do I cancel it?', fetchHistory)).toBe(true);
    expect(isFollowUp('What about timeouts?', fetchHistory)).toBe(true);
    expect(isFollowUp('Show me an example', fetchHistory)).toBe(true);
    expect(isFollowUp('How do I sort a list of dicts in Python?', fetchHistory)).toBe(false);
    expect(isFollowUp('How do I use a semicolon as the separator instead?', fetchHistory)).toBe(true);
  });

  it('lets a short question that asks what something is stand on its own', () => {
    expect(isFollowUp('What is a set?', fetchHistory)).toBe(false);
    expect(isFollowUp('What are decorators?', fetchHistory)).toBe(false);
    expect(isFollowUp('What is it?', fetchHistory)).toBe(true);
  });

  it('never treats the first question as a follow-up', () => {
    expect(isFollowUp('and how do I cancel it?', [])).toBe(false);
  });
});

describe('mergeFollowUpQuery', () => {
  it('adds the topic words of the previous question', () => {
    const result = mergeFollowUpQuery('and how do I cancel it?', fetchHistory);
    expect(result.method).toBe('merged');
    expect(result.query).toMatch(/^and how do I cancel it\? /);
    expect(result.query).toContain('fetch');
    expect(result.query).toContain('request');
  });

  it('leaves standalone questions alone', () => {
    expect(mergeFollowUpQuery('How do I read a file in Python?', fetchHistory)).toEqual({
      query: 'How do I read a file in Python?',
      method: 'as-is',
    });
  });

  it('walks back through chained follow-ups to the question that set the topic', () => {
    const history: ConversationTurn[] = [
      { role: 'user', text: 'How do I read a CSV file in Python?' },
      { role: 'assistant', text: 'Use the csv module [1].' },
      { role: 'user', text: 'and writing it?' },
      { role: 'assistant', text: 'Use csv.writer [1].' },
    ];
    const result = mergeFollowUpQuery('what about the encoding?', history);
    expect(result.query).toContain('csv');
    expect(result.query).toContain('python');
  });

  it('does not repeat words the question already has', () => {
    const result = mergeFollowUpQuery('and fetch it again?', fetchHistory);
    expect(result.query.match(/fetch/g)).toHaveLength(1);
  });
});

describe('rewriteFollowUpQuery', () => {
  const signal = new AbortController().signal;

  it('uses a plausible model rewrite', async () => {
    const model = createScriptedModel(textSteps('How do I cancel a fetch request in Node.js?'));
    const result = await rewriteFollowUpQuery(model, 'and how do I cancel it?', fetchHistory, signal);
    expect(result).toEqual({ query: 'How do I cancel a fetch request in Node.js?', method: 'llm' });
    expect(model.requests[0].messages[0].content).toMatch(/standalone search query/);
  });

  it('keeps the merge when the rewrite is unrelated, the model fails or falls back', async () => {
    const unrelated = createScriptedModel(textSteps('Bananas are yellow.'));
    const failing = createScriptedModel([{ type: 'throw', error: new Error('HTTP 500') }]);
    const fallback = createScriptedModel([
      { type: 'fallback', from: 'gpt', to: 'local-extractive', reason: 'x' },
    ]);
    for (const model of [unrelated, failing, fallback]) {
      const result = await rewriteFollowUpQuery(model, 'and how do I cancel it?', fetchHistory, signal);
      expect(result.method).toBe('merged');
    }
  });

  it('does not call the model for standalone questions', async () => {
    const model = createScriptedModel(textSteps('unused'));
    const result = await rewriteFollowUpQuery(model, 'How do I read a file in Python?', fetchHistory, signal);
    expect(result.method).toBe('as-is');
    expect(model.requests).toHaveLength(0);
  });

  it('stops when the turn is aborted', async () => {
    const controller = new AbortController();
    const model = createScriptedModel([{ type: 'wait', ms: 5_000 }, ...textSteps('late')]);
    const pending = rewriteFollowUpQuery(model, 'and how do I cancel it?', fetchHistory, controller.signal);
    controller.abort();
    await expect(pending).rejects.toThrow();
  });
});
