import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BreakerFactory } from '../contracts/stores';
import { AppError } from '../errors';
import {
  createMemoryBreaker,
  getBreaker,
  getBreakerStates,
  resetBreakers,
  setBreakerFactory,
} from './circuit-breakers';

const signal = new AbortController().signal;
const serverError = () => Promise.reject(Object.assign(new Error('HTTP 500'), { status: 500 }));
const ok = () => Promise.resolve('ok');

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  resetBreakers();
});
afterEach(() => vi.useRealTimers());

describe('memory circuit breaker', () => {
  it('opens after N consecutive upstream faults and then fails fast with the remaining cool-down', async () => {
    const breaker = createMemoryBreaker('chat:test', { failures: 3, cooldownMs: 30_000 });
    for (let attempt = 0; attempt < 3; attempt++)
      await expect(breaker.execute(serverError, signal)).rejects.toThrow();
    expect(breaker.state()).toBe('open');
    const operation = vi.fn(ok);
    await vi.advanceTimersByTimeAsync(10_000);
    const error = await breaker.execute(operation, signal).catch((caught: unknown) => caught);
    expect(operation).not.toHaveBeenCalled();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'circuit_open', retryAfterSeconds: 20 });
  });

  it('a success resets the consecutive count; client errors do not count', async () => {
    const breaker = createMemoryBreaker('chat:test', { failures: 2, cooldownMs: 1_000 });
    await expect(breaker.execute(serverError, signal)).rejects.toThrow();
    await breaker.execute(ok, signal);
    await expect(breaker.execute(serverError, signal)).rejects.toThrow();
    const badRequest = () => Promise.reject(Object.assign(new Error('HTTP 400'), { status: 400 }));
    await expect(breaker.execute(badRequest, signal)).rejects.toThrow();
    await expect(breaker.execute(badRequest, signal)).rejects.toThrow();
    expect(breaker.state()).toBe('closed');
  });

  it('failures after the caller aborted do not count, and surface unchanged', async () => {
    const breaker = createMemoryBreaker('chat:test', { failures: 1, cooldownMs: 1_000 });
    const controller = new AbortController();
    controller.abort(new Error('client disconnected'));
    const failure = Object.assign(new Error('HTTP 500'), { status: 500 });
    await expect(breaker.execute(() => Promise.reject(failure), controller.signal)).rejects.toBe(failure);
    expect(breaker.state()).toBe('closed');
  });

  it('after the cool-down lets one trial through; others fail fast meanwhile; success closes it', async () => {
    const breaker = createMemoryBreaker('chat:test', { failures: 1, cooldownMs: 5_000 });
    await expect(breaker.execute(serverError, signal)).rejects.toThrow();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(breaker.state()).toBe('half-open');
    let finishTrial: (value: string) => void = () => undefined;
    const trial = breaker.execute(() => new Promise<string>((resolve) => (finishTrial = resolve)), signal);
    await expect(breaker.execute(ok, signal)).rejects.toMatchObject({ code: 'circuit_open' });
    finishTrial('done');
    await expect(trial).resolves.toBe('done');
    expect(breaker.state()).toBe('closed');
  });

  it('a failed trial re-opens it for another cool-down', async () => {
    const breaker = createMemoryBreaker('chat:test', { failures: 1, cooldownMs: 5_000 });
    await expect(breaker.execute(serverError, signal)).rejects.toThrow();
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(breaker.execute(serverError, signal)).rejects.toMatchObject({ status: 500 });
    expect(breaker.state()).toBe('open');
  });
});

describe('breaker registry', () => {
  it('keeps one breaker per upstream and reports their states', async () => {
    expect(getBreaker('chat:a')).toBe(getBreaker('chat:a'));
    getBreaker('embeddings:e');
    expect(getBreakerStates()).toEqual({ 'chat:a': 'closed', 'embeddings:e': 'closed' });
  });

  it('accepts another implementation (e.g. Redis-backed) behind the same interface', () => {
    const factory: BreakerFactory = vi.fn((name) => ({
      name,
      state: () => 'open' as const,
      execute: () => Promise.reject(new AppError('circuit_open')),
    }));
    setBreakerFactory(factory);
    getBreaker('chat:shared');
    expect(factory).toHaveBeenCalledWith(
      'chat:shared',
      expect.objectContaining({ failures: expect.any(Number) }),
    );
    expect(getBreakerStates()).toEqual({ 'chat:shared': 'open' });
  });
});
