import { describe, expect, it } from 'vitest';
import { type Figure, type TargetTable, withTargets } from './targets';

const target = { comparison: '<=', limit: 10, source: 'Issue 8 (benchmark): test' } as const;

describe('withTargets', () => {
  const figures: Figure[] = [
    { key: 'cache.hit_ttft.p50', label: 'cache hit TTFT p50', value: 3, unit: 'ms' },
    { key: 'cache.hits', label: 'repeats answered from cache', value: 5, unit: '' },
  ];

  it('puts each figure’s target beside it and leaves the others without one', () => {
    const table: TargetTable = new Map([['cache.hit_ttft.p50', { unit: 'ms', target }]]);
    const [withTarget, without] = withTargets(figures, table);
    expect(withTarget).toEqual({ ...figures[0], target });
    expect(without).toEqual(figures[1]);
  });

  it('refuses a target written in another unit than its figure', () => {
    const table: TargetTable = new Map([['cache.hit_ttft.p50', { unit: 's', target }]]);
    expect(() => withTargets(figures, table)).toThrow(
      'the target for cache.hit_ttft.p50 is in "s" but the figure is measured in "ms"',
    );
  });
});
