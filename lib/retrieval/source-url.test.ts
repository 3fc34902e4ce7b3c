import { describe, expect, it } from 'vitest';
import { sourceUrl } from './source-url';

describe('sourceUrl', () => {
  it('joins the base URL, the source path and the anchor', () => {
    expect(
      sourceUrl('https://docs.python.org/3.11/', {
        source: 'library/os.path.html',
        anchor: 'os.path.splitext',
      }),
    ).toBe('https://docs.python.org/3.11/library/os.path.html#os.path.splitext');
    expect(sourceUrl('https://example.com/docs', { source: 'fs.md' })).toBe('https://example.com/docs/fs.md');
    expect(sourceUrl('https://example.com/docs/', { source: 'a b/c#d.md' })).toBe(
      'https://example.com/docs/a%20b/c%23d.md',
    );
  });

  it('never leaves the base URL', () => {
    expect(sourceUrl('https://example.com/docs/', { source: '../secret.md' })).toBe(
      'https://example.com/docs/',
    );
  });
});
