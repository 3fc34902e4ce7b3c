import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen } from 'cockatiel';
import type { BreakerFactory, BreakerOptions, BreakerState, UpstreamBreaker } from '../contracts/stores';
import { AppError } from '../errors';
import { processSingleton } from '../runtime/process-singleton';
import { resilienceSettings } from './resilience-settings';
import { describeFailure } from './upstream-errors';

/** Carries a failure past the breaker's count because the caller had already aborted. */
class CallerGaveUp extends Error {
  readonly original: unknown;

  constructor(original: unknown) {
    super('caller aborted');
    this.name = 'AbortError';
    this.original = original;
  }
}

/**
 * An in-memory breaker on cockatiel's ConsecutiveBreaker: opens after `failures` consecutive
 * upstream faults, lets one trial call through after `cooldownMs`, closes when it succeeds.
 * Client errors (400/401/403/404), aborts and our own turn deadline do not count.
 */
export function createMemoryBreaker(name: string, options: BreakerOptions): UpstreamBreaker {
  const policy = circuitBreaker(
    handleWhen((error) => describeFailure(error).upstreamFault),
    { halfOpenAfter: options.cooldownMs, breaker: new ConsecutiveBreaker(options.failures) },
  );
  let openedAt = 0;
  policy.onBreak(() => {
    openedAt = Date.now();
  });
  const remainingCooldownMs = () => Math.max(0, openedAt + options.cooldownMs - Date.now());
  const open = (cause?: unknown) =>
    new AppError('circuit_open', {
      detail: `circuit for ${name} is open`,
      retryAfterSeconds: Math.max(1, Math.ceil(remainingCooldownMs() / 1000)),
      cause,
    });

  return {
    name,
    state() {
      if (policy.state === CircuitState.Closed) return 'closed';
      if (policy.state === CircuitState.HalfOpen) return 'half-open';
      return remainingCooldownMs() > 0 ? 'open' : 'half-open';
    },
    async execute(operation, signal) {
      // cockatiel parks callers behind a running half-open trial; fail fast instead so they
      // can fall back rather than wait for a whole streamed answer.
      if (policy.state === CircuitState.HalfOpen) throw open();
      try {
        return await policy.execute(async ({ signal: policySignal }) => {
          try {
            return await operation(policySignal);
          } catch (error) {
            // Whatever a call fails with once its caller gave up (client gone, turn over) says
            // nothing about the upstream's health: keep it out of the count.
            throw signal.aborted ? new CallerGaveUp(error) : error;
          }
        }, signal);
      } catch (error) {
        if (error instanceof BrokenCircuitError) throw open(error);
        if (error instanceof CallerGaveUp) throw error.original;
        throw error;
      }
    },
  };
}

interface BreakerRegistry {
  breakers: Map<string, UpstreamBreaker>;
  factory: BreakerFactory;
}

const registry = () =>
  processSingleton<BreakerRegistry>('resilience.breakers', () => ({
    breakers: new Map(),
    factory: createMemoryBreaker,
  }));

/** The breaker for `name` (e.g. `chat:gpt-4o-mini`, `embeddings:text-embedding-3-small`), created on first use. */
export function getBreaker(name: string): UpstreamBreaker {
  const { breakers, factory } = registry();
  let breaker = breakers.get(name);
  if (!breaker) {
    const settings = resilienceSettings();
    breaker = factory(name, { failures: settings.breakerFailures, cooldownMs: settings.breakerCooldownMs });
    breakers.set(name, breaker);
  }
  return breaker;
}

/** Every known upstream's circuit state, for /api/health and the metrics dashboard. */
export function getBreakerStates(): Record<string, BreakerState> {
  return Object.fromEntries([...registry().breakers].map(([name, breaker]) => [name, breaker.state()]));
}

/** Replaces how breakers are made (e.g. Redis-backed) and forgets existing ones. */
export function setBreakerFactory(factory: BreakerFactory): void {
  const state = registry();
  state.factory = factory;
  state.breakers.clear();
}

/** Forgets all breakers and restores the in-memory factory (tests, config changes). */
export function resetBreakers(): void {
  setBreakerFactory(createMemoryBreaker);
}
