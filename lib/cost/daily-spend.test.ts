import { describe, expect, it } from 'vitest';
import { createDailySpend, startOfUtcDay } from './daily-spend';

describe('createDailySpend', () => {
  const dayOne = Date.UTC(2025, 0, 10, 12);
  const dayTwo = Date.UTC(2025, 0, 11, 0, 0, 1);

  it('sums costs within a UTC day and resets at midnight', () => {
    let now = dayOne;
    const spend = createDailySpend({ now: () => now });
    spend.add(0.5);
    spend.add(0.25);
    expect(spend.total()).toBeCloseTo(0.75);
    now = dayTwo;
    expect(spend.total()).toBe(0);
    spend.add(0.1);
    expect(spend.total()).toBeCloseTo(0.1);
  });

  it('seeds each day from the loader, once', () => {
    const loads: number[] = [];
    let now = dayOne;
    const spend = createDailySpend({
      now: () => now,
      loadDay: (dayStart) => {
        loads.push(dayStart);
        return 2;
      },
    });
    spend.add(1);
    expect(spend.total()).toBe(3);
    now = dayTwo;
    expect(spend.total()).toBe(2);
    expect(loads).toEqual([startOfUtcDay(dayOne), startOfUtcDay(dayTwo)]);
  });

  it('ignores invalid costs and a failing loader', () => {
    const spend = createDailySpend({
      now: () => dayOne,
      loadDay: () => {
        throw new Error('database locked');
      },
    });
    spend.add(Number.NaN);
    spend.add(-1);
    expect(spend.total()).toBe(0);
  });
});
