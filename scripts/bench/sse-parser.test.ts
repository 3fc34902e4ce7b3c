import { describe, expect, it } from 'vitest';
import { createSseParser } from './sse-parser';

describe('createSseParser', () => {
  it('returns the data of complete events only', () => {
    const parser = createSseParser();
    expect(parser.push('data: {"a":1}\n\ndata: {"b"')).toEqual(['{"a":1}']);
    expect(parser.push(':2}\n\n')).toEqual(['{"b":2}']);
  });

  it('handles events split at every position, including inside CRLF', () => {
    const body = 'data: one\r\n\r\ndata: two\r\n\r\n: comment\r\ndata: [DONE]\r\n\r\n';
    for (let split = 0; split <= body.length; split++) {
      const parser = createSseParser();
      const events = [...parser.push(body.slice(0, split)), ...parser.push(body.slice(split))];
      expect(events).toEqual(['one', 'two', '[DONE]']);
    }
  });

  it('joins multi-line data and ignores other fields and comments', () => {
    const parser = createSseParser();
    expect(parser.push('event: x\nid: 3\n: keep-alive\ndata: first\ndata:second\n\n')).toEqual([
      'first\nsecond',
    ]);
  });

  it('never returns a last event the stream ends without its blank line', () => {
    const unterminated = createSseParser();
    expect(unterminated.push('data: one\n\ndata: tail')).toEqual(['one']);
    expect(unterminated.push('')).toEqual([]);
    const lineEndedOnly = createSseParser();
    expect(lineEndedOnly.push('data: one\n\ndata: tail\n')).toEqual(['one']);
    expect(lineEndedOnly.push('data: more\n')).toEqual([]);
  });

  it('completes that event only once its blank line arrives', () => {
    const parser = createSseParser();
    expect(parser.push('data: tail\n')).toEqual([]);
    expect(parser.push('\n')).toEqual(['tail']);
  });

  it('skips events that carry no data field', () => {
    const parser = createSseParser();
    expect(parser.push('event: ping\n\nid: 4\n\ndata: x\n\n')).toEqual(['x']);
  });

  it('ignores blank lines between events', () => {
    const parser = createSseParser();
    expect(parser.push('\n\n\ndata: x\n\n\n')).toEqual(['x']);
  });
});
