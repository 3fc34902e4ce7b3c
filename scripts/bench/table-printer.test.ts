import { describe, expect, it } from 'vitest';
import { formatGrid, formatTable, formatValue } from './table-printer';
import { type Figure, shortfalls, verdict } from './targets';

const figure = (value: number | null, comparison?: '<=' | '>=', limit = 10): Figure => ({
  key: 'x',
  label: 'X',
  value,
  unit: 'ms',
  target: comparison ? { comparison, limit, source: 'test' } : undefined,
});

describe('verdict', () => {
  it('compares against upper and lower limits, inclusive', () => {
    expect(verdict(figure(10, '<='))).toBe('met');
    expect(verdict(figure(10.01, '<='))).toBe('missed');
    expect(verdict(figure(0.95, '>=', 0.95))).toBe('met');
    expect(verdict(figure(0.94, '>=', 0.95))).toBe('missed');
  });

  it('never passes a figure that was not measured', () => {
    expect(verdict(figure(null, '<='))).toBe('not measured');
    expect(verdict(figure(3))).toBe('no target');
  });

  it('lists missed and unmeasured targets as shortfalls', () => {
    const figures = [figure(1, '<='), figure(11, '<='), figure(null, '<='), figure(99)];
    expect(shortfalls(figures)).toEqual([figures[1], figures[2]]);
  });
});

describe('formatValue', () => {
  it('keeps about three significant digits', () => {
    expect(formatValue(4.2, 'ms')).toBe('4.20 ms');
    expect(formatValue(42.26, 'ms')).toBe('42.3 ms');
    expect(formatValue(512.4, 'MB')).toBe('512 MB');
    expect(formatValue(0.981, '')).toBe('0.98');
    expect(formatValue(null, 'ms')).toBe('n/a');
  });
});

describe('formatTable', () => {
  it('aligns columns and shows each figure beside its target', () => {
    const table = formatTable([
      {
        title: 'TTFT overhead',
        figures: [
          {
            key: 'a',
            label: 'p50 at 1 stream',
            value: 4.2,
            unit: 'ms',
            target: { comparison: '<=', limit: 10, source: 'test' },
          },
          {
            key: 'b',
            label: 'p95 at 50 streams',
            value: 120,
            unit: 'ms',
            target: { comparison: '<=', limit: 100, source: 'test' },
          },
        ],
      },
      { title: 'Throughput', figures: [{ key: 'c', label: 'turns/sec', value: 35.5, unit: '/s' }] },
    ]);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^Metric\s+Value\s+Target\s+Result$/);
    expect(lines[2]).toBe('TTFT overhead');
    expect(table).toContain('\nThroughput\n');
    expect(table).toMatch(/ {2}p50 at 1 stream\s+4\.20 ms\s+<= 10\.0 ms\s+ok/);
    expect(table).toMatch(/p95 at 50 streams\s+120 ms\s+<= 100 ms\s+MISSED/);
    expect(table).toMatch(/turns\/sec\s+35\.5 \/s$/m);
    const valueEnds = lines.filter((line) => / ms /.test(line)).map((line) => line.indexOf(' ms ') + 3);
    expect(new Set(valueEnds).size).toBe(1);
  });
});

describe('formatGrid', () => {
  it('left-aligns the first column and right-aligns the rest', () => {
    expect(
      formatGrid(
        ['run', 'p50'],
        [
          ['/api/chat 1 stream', '4.20'],
          ['x', '120'],
        ],
      ).split('\n'),
    ).toEqual([
      'run                  p50',
      '------------------  ----',
      '/api/chat 1 stream  4.20',
      'x                    120',
    ]);
  });
});
