import { describe, expect, it } from 'vitest';
import { boundedKey, maxKeyLength } from './bounded-key';

describe('boundedKey', () => {
  it('keeps short keys as written', () => {
    expect(boundedKey('203.0.113.5')).toBe('203.0.113.5');
    expect(boundedKey('x'.repeat(maxKeyLength))).toBe('x'.repeat(maxKeyLength));
  });

  it('hashes long keys to a fixed length, keeping distinct keys distinct', () => {
    const first = boundedKey('a'.repeat(15_000));
    const second = boundedKey(`${'a'.repeat(14_999)}b`);
    expect(first).toMatch(/^sha256:[0-9a-f]{32}$/);
    expect(first.length).toBeLessThanOrEqual(maxKeyLength);
    expect(first).not.toBe(second);
    expect(boundedKey('a'.repeat(15_000))).toBe(first);
  });
});
