import { getConfig } from '../config';

/** The numbers every resilience policy runs on; tests override single fields. */
export interface ResilienceSettings {
  firstTokenTimeoutMs: number;
  idleTimeoutMs: number;
  /**
   * TURN_TIMEOUT_MS. A chat turn's deadline is started by the agent at the request's arrival
   * (startTurnDeadline); here it bounds a whole batch embedding call.
   */
  turnTimeoutMs: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  breakerFailures: number;
  breakerCooldownMs: number;
}

/** First backoff ceiling; it doubles per attempt up to RETRY_MAX_DELAY_MS. */
const retryBaseDelayMs = 500;

/** The resilience settings from the validated configuration, with optional overrides. */
export function resilienceSettings(overrides: Partial<ResilienceSettings> = {}): ResilienceSettings {
  const config = getConfig();
  return {
    firstTokenTimeoutMs: config.FIRST_TOKEN_TIMEOUT_MS,
    idleTimeoutMs: config.IDLE_TIMEOUT_MS,
    turnTimeoutMs: config.TURN_TIMEOUT_MS,
    maxRetries: config.MAX_RETRIES,
    retryBaseDelayMs,
    retryMaxDelayMs: config.RETRY_MAX_DELAY_MS,
    breakerFailures: config.BREAKER_FAILURES,
    breakerCooldownMs: config.BREAKER_COOLDOWN_MS,
    ...overrides,
  };
}
