import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isTurnDeadline, startTurnDeadline } from './turn-deadline';
import { UpstreamTimeoutError } from './upstream-errors';

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
afterEach(() => vi.useRealTimers());

describe('turn deadline', () => {
  it('counts from the arrival: time already spent is used up', () => {
    const now = () => Date.now();
    const deadline = startTurnDeadline({ limitMs: 5_000, receivedAt: now() - 2_000, now });
    vi.advanceTimersByTime(2_999);
    expect(deadline.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.signal.reason).toBeInstanceOf(UpstreamTimeoutError);
    expect(deadline.signal.reason).toMatchObject({ phase: 'turn', limitMs: 5_000 });
    expect(isTurnDeadline(deadline.signal.reason)).toBe(true);
  });

  it('is already over when the arrival is older than the limit', () => {
    const deadline = startTurnDeadline({ limitMs: 1_000, receivedAt: 0, now: () => 1_000 });
    expect(isTurnDeadline(deadline.signal.reason)).toBe(true);
  });

  it('never fires once cleared', () => {
    const deadline = startTurnDeadline({ limitMs: 1_000, receivedAt: 0, now: () => 0 });
    deadline.clear();
    vi.advanceTimersByTime(10_000);
    expect(deadline.signal.aborted).toBe(false);
  });

  it('tells a turn deadline from other abort reasons', () => {
    expect(isTurnDeadline(new UpstreamTimeoutError('first-token', 1_000))).toBe(false);
    expect(isTurnDeadline(new DOMException('aborted', 'AbortError'))).toBe(false);
    expect(isTurnDeadline(undefined)).toBe(false);
  });
});
