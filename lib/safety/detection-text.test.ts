import { describe, expect, it } from 'vitest';
import { detectionText } from './detection-text';
import { maskPii } from './redact-pii';

describe('detectionText', () => {
  it('folds digits of every script, fullwidth forms, spaces and dashes, and drops format characters', () => {
    expect(detectionText('٤١١١').text).toBe('4111');
    expect(detectionText('۴۵').text).toBe('45');
    expect(detectionText('०९').text).toBe('09');
    expect(detectionText('ａ＠ｂ．ｃｏ').text).toBe('a@b.co');
    expect(detectionText('1\u00a02\u20093').text).toBe('1 2 3');
    expect(detectionText('1\u20132\u22123').text).toBe('1-2-3');
    expect(detectionText('a\u200bb\u200dc\ufeffd\u00ade').text).toBe('abcde');
  });

  it('maps every unit back to the character it came from', () => {
    const view = detectionText('x\u200bﬁ٤');
    expect(view.text).toBe('xfi4');
    expect([...view.starts]).toEqual([0, 2, 2, 3]);
    expect([...view.ends]).toEqual([1, 3, 3, 4]);
  });

  it('is the identity on ASCII text', () => {
    const view = detectionText('plain text 123');
    expect(view.text).toBe('plain text 123');
    expect(view.starts[5]).toBe(5);
  });
});

describe('maskPii on folded text', () => {
  it('masks the original span and leaves everything else as written', () => {
    expect(maskPii('Ｎｏ ٤١١١ ١١١١ ١١١١ ١١١١ ✓').text).toBe('Ｎｏ [CARD] ✓');
    expect(maskPii('mail jane\u200b@example.com\u200b now').text).toBe('mail [EMAIL]\u200b now');
    expect(maskPii('👨‍👩‍👧 call 4155552671 👨‍👩‍👧').text).toBe('👨‍👩‍👧 call [PHONE] 👨‍👩‍👧');
  });

  it('finds spelled-out emails only where they are unambiguous', () => {
    expect(maskPii('write to jane (at) example (dot) com').text).toBe('write to [EMAIL]');
    expect(maskPii('write to jane at example dot com').text).toBe('write to [EMAIL]');
    expect(maskPii('look at example.com for details').text).toBe('look at example.com for details');
    expect(maskPii('meet at noon').total).toBe(0);
  });

  it('masks a card at the end of a sentence but not a decimal or a version', () => {
    expect(maskPii('My card is 4111 1111 1111 1111.').text).toBe('My card is [CARD].');
    expect(maskPii('pi is 3.14159265358979').total).toBe(0);
    expect(maskPii('timestamp 1700000000 and 2024-01-15').total).toBe(0);
  });
});
