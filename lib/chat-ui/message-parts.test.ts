import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '@/lib/contracts/ui-message';
import { readMessage } from './message-parts';

const source = {
  index: 1,
  collection: 'javascript',
  source: 'fetch-api.md',
  title: 'The Fetch API',
  heading: 'Basics',
  score: 0.8,
  text: 'fetch(url)',
};

describe('readMessage', () => {
  it('joins text and keeps the latest data parts and all notices', () => {
    const message: ChatMessage = {
      id: 'a1',
      role: 'assistant',
      parts: [
        { type: 'data-status', data: { state: 'routing', message: 'Routing' } },
        { type: 'data-sources', data: { sources: [source], lowConfidence: false } },
        { type: 'data-status', data: { state: 'generating', message: 'Writing' } },
        { type: 'text', text: 'Use fetch ' },
        { type: 'data-notice', data: { kind: 'retry', message: 'Retrying' } },
        { type: 'text', text: '[1].' },
        { type: 'data-notice', data: { kind: 'fallback', message: 'Fallback model' } },
      ],
    };
    const view = readMessage(message);
    expect(view.text).toBe('Use fetch [1].');
    expect(view.status?.state).toBe('generating');
    expect(view.sources?.sources).toEqual([source]);
    expect(view.notices.map((notice) => notice.kind)).toEqual(['retry', 'fallback']);
    expect(view.route).toBeUndefined();
    expect(view.metrics).toBeUndefined();
  });
});
