import { describe, expect, it } from 'vitest';
import { splitIntoDeltas } from './split-deltas';

describe('splitIntoDeltas', () => {
  it('reassembles to the exact text, cutting after spaces', () => {
    const text = `${'word '.repeat(60)}tail\n\n\`\`\`py\nprint("x")\n\`\`\``;
    const deltas = splitIntoDeltas(text, 20);
    expect(deltas.join('')).toBe(text);
    expect(deltas.length).toBeGreaterThan(5);
    expect(deltas.slice(0, -2).every((delta) => delta.endsWith(' '))).toBe(true);
  });

  it('handles empty text and text without spaces', () => {
    expect(splitIntoDeltas('')).toEqual([]);
    expect(splitIntoDeltas('x'.repeat(50), 20)).toEqual(['x'.repeat(20), 'x'.repeat(20), 'x'.repeat(10)]);
  });
});
