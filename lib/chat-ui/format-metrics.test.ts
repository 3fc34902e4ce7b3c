import { describe, expect, it } from 'vitest';
import { formatDuration, formatPercent, formatRate } from './format-metrics';

describe('formatDuration', () => {
  it('uses milliseconds below a second and seconds above', () => {
    expect(formatDuration(85.4)).toBe('85 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(15_400)).toBe('15 s');
  });

  it('shows a dash for invalid values', () => {
    expect(formatDuration(-1)).toBe('–');
    expect(formatDuration(Number.NaN)).toBe('–');
  });
});

describe('formatRate', () => {
  it('rounds tokens per second', () => {
    expect(formatRate(42.6)).toBe('43 tok/s');
    expect(formatRate(3.25)).toBe('3.3 tok/s');
    expect(formatRate(0)).toBe('–');
  });
});

describe('formatPercent', () => {
  it('clamps and rounds', () => {
    expect(formatPercent(0.834)).toBe('83%');
    expect(formatPercent(1.2)).toBe('100%');
  });
});
