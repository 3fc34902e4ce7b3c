import { describe, expect, it } from 'vitest';
import { openAIStreamSignal } from './openai-stream-signal';
import { uiMessageStreamSignal } from './ui-message-stream-signal';

describe('uiMessageStreamSignal', () => {
  it('reads text deltas, ignoring empty ones', () => {
    expect(uiMessageStreamSignal('{"type":"text-delta","id":"t","delta":"Hello "}')).toEqual({
      kind: 'text',
      text: 'Hello ',
    });
    expect(uiMessageStreamSignal('{"type":"text-delta","id":"t","delta":""}')).toEqual({ kind: 'other' });
  });

  it('reads the cache flag from the metrics part', () => {
    expect(uiMessageStreamSignal('{"type":"data-metrics","id":"metrics","data":{"cached":true}}')).toEqual({
      kind: 'cached',
      cached: true,
    });
  });

  it('reports error chunks, unreadable payloads and the end marker', () => {
    expect(uiMessageStreamSignal('{"type":"error","errorText":"boom"}')).toEqual({
      kind: 'error',
      message: 'boom',
    });
    expect(uiMessageStreamSignal('not json').kind).toBe('error');
    expect(uiMessageStreamSignal('[DONE]')).toEqual({ kind: 'done' });
  });

  it('treats status, route, sources and lifecycle chunks as other', () => {
    for (const type of ['start', 'text-start', 'text-end', 'data-status', 'data-route', 'finish']) {
      expect(uiMessageStreamSignal(JSON.stringify({ type, data: {} }))).toEqual({ kind: 'other' });
    }
  });
});

describe('openAIStreamSignal', () => {
  const chunk = (delta: Record<string, unknown>) =>
    JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: null }] });

  it('reads content deltas and skips the role and empty chunks', () => {
    expect(openAIStreamSignal(chunk({ content: 'Hi' }))).toEqual({ kind: 'text', text: 'Hi' });
    expect(openAIStreamSignal(chunk({ role: 'assistant', content: '' }))).toEqual({ kind: 'other' });
    expect(openAIStreamSignal(JSON.stringify({ choices: [], usage: { total_tokens: 3 } }))).toEqual({
      kind: 'other',
    });
  });

  it('reports in-stream errors and the end marker', () => {
    expect(openAIStreamSignal('{"error":{"message":"upstream down"}}')).toEqual({
      kind: 'error',
      message: 'upstream down',
    });
    expect(openAIStreamSignal('[DONE]')).toEqual({ kind: 'done' });
    expect(openAIStreamSignal('{').kind).toBe('error');
  });
});
