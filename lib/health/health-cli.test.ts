import { describe, expect, it } from 'vitest';
import { formatHealthReport, parseHealthArguments } from './health-cli';

describe('parseHealthArguments', () => {
  it('reads --json and --url', () => {
    expect(parseHealthArguments([])).toEqual({ json: false, help: false });
    expect(parseHealthArguments(['--json', '--url', 'http://127.0.0.1:3000/'])).toEqual({
      json: true,
      help: false,
      url: 'http://127.0.0.1:3000',
    });
  });

  it('rejects unknown flags and bad URLs with one line', () => {
    expect(() => parseHealthArguments(['--jsn'])).toThrow('unknown argument "--jsn"');
    expect(() => parseHealthArguments(['--url'])).toThrow('--url needs a value');
    expect(() => parseHealthArguments(['--url', 'not a url'])).toThrow('is not a URL');
  });
});

describe('formatHealthReport', () => {
  it('prints the overall status and one aligned line per component', () => {
    const text = formatHealthReport({
      status: 'degraded',
      checkedAt: '2026-01-01T00:00:00.000Z',
      latencyMs: 12.4,
      components: [
        { name: 'index:python', kind: 'index', status: 'healthy', latencyMs: 3, detail: '120 chunks' },
        { name: 'model-provider', kind: 'model', status: 'degraded', latencyMs: 3000, detail: 'timed out' },
      ],
    });
    expect(text.split('\n')).toEqual([
      'Health: DEGRADED (checked in 12 ms)',
      '  ok healthy  index:python      3 ms  120 chunks',
      '  !! degraded model-provider 3000 ms  timed out',
    ]);
  });
});
