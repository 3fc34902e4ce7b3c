import { afterEach, describe, expect, it, vi } from 'vitest';
import { commandFailure, parseCommandLine } from './command-line';

class Stopped extends Error {}

const stop = (message: string): never => {
  throw new Stopped(message);
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('commandFailure', () => {
  it('prints the command name and message to stderr and exits 1', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => {
      throw new Stopped('exit');
    });
    expect(() => commandFailure('query')('missing the question')).toThrow(Stopped);
    expect(error).toHaveBeenCalledWith('query: missing the question');
    expect(exit).toHaveBeenCalledWith(1);
  });
});

describe('parseCommandLine', () => {
  const config = {
    args: ['notes', '--collection', 'python', '--rebuild'],
    allowPositionals: true,
    options: { collection: { type: 'string' }, rebuild: { type: 'boolean', default: false } },
  } as const;

  it('returns the parsed values and positionals', () => {
    const parsed = parseCommandLine(stop, 'usage: x', config);
    expect(parsed.positionals).toEqual(['notes']);
    expect(parsed.values).toEqual({ collection: 'python', rebuild: true });
  });

  it('fails with the parse error and the usage line on an unknown option', () => {
    expect(() => parseCommandLine(stop, 'usage: x', { ...config, args: ['--bogus'] })).toThrow(
      /Unknown option '--bogus'.*\nusage: x$/s,
    );
  });
});
