import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './safe-return-path';

describe('safeReturnPath', () => {
  it('keeps local paths', () => {
    expect(safeReturnPath('/dashboard?window=24h')).toBe('/dashboard?window=24h');
    expect(safeReturnPath(['/dashboard', '/x'])).toBe('/dashboard');
  });

  it.each([undefined, '', 'https://evil.example', '//evil.example', '/\\evil.example', 'dashboard', '/a b'])(
    'replaces %j with /dashboard',
    (value) => {
      expect(safeReturnPath(value)).toBe('/dashboard');
    },
  );
});
