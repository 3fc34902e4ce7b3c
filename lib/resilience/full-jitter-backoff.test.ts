import type { IRetryBackoffContext } from 'cockatiel';
import { describe, expect, it } from 'vitest';
import { fullJitterBackoff } from './full-jitter-backoff';

const failure = (error: Error, attempt: number): IRetryBackoffContext<unknown> => ({
  attempt,
  signal: new AbortController().signal,
  result: { error },
});

const serverError = Object.assign(new Error('boom'), { status: 500, headers: new Headers() });

describe('fullJitterBackoff', () => {
  it('draws from a ceiling that doubles per attempt, capped', () => {
    const backoff = fullJitterBackoff({ baseDelayMs: 500, maxDelayMs: 3_000, random: () => 0.999 });
    const first = backoff.next(failure(serverError, 1));
    const second = first.next(failure(serverError, 2));
    const third = second.next(failure(serverError, 3));
    const fourth = third.next(failure(serverError, 4));
    expect([first, second, third, fourth].map((step) => step.duration)).toEqual([499, 999, 1_998, 2_997]);
  });

  it('is fully jittered: anywhere from zero up to the ceiling', () => {
    const low = fullJitterBackoff({ baseDelayMs: 500, maxDelayMs: 20_000, random: () => 0 });
    const middle = fullJitterBackoff({ baseDelayMs: 500, maxDelayMs: 20_000, random: () => 0.5 });
    expect(low.next(failure(serverError, 3)).duration).toBe(0);
    expect(middle.next(failure(serverError, 3)).duration).toBe(1_000);
  });

  it('uses the advertised Retry-After instead, capped at the maximum', () => {
    const backoff = fullJitterBackoff({ baseDelayMs: 500, maxDelayMs: 20_000, random: () => 0 });
    const limited = (headers: Record<string, string>) =>
      Object.assign(new Error('429'), { status: 429, headers });
    expect(backoff.next(failure(limited({ 'retry-after': '3' }), 1)).duration).toBe(3_000);
    expect(backoff.next(failure(limited({ 'retry-after-ms': '250.4' }), 1)).duration).toBe(251);
    expect(backoff.next(failure(limited({ 'retry-after': '90' }), 1)).duration).toBe(20_000);
  });
});
