import { describe, expect, it } from 'vitest';
import { parseBenchArguments } from './bench-arguments';

describe('parseBenchArguments', () => {
  it('defaults to a full run', () => {
    expect(parseBenchArguments([])).toEqual({ quick: false, cpuProfile: false, keep: false, help: false });
  });

  it('reads every flag', () => {
    expect(parseBenchArguments(['--quick', '--cpu-prof', '--keep', '-h'])).toEqual({
      quick: true,
      cpuProfile: true,
      keep: true,
      help: true,
    });
  });

  it('rejects unknown options with the usage', () => {
    expect(() => parseBenchArguments(['--fast'])).toThrow(
      /unknown option "--fast"[\s\S]*Usage: npm run bench/,
    );
  });
});
