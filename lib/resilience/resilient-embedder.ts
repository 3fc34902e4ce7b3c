import type { Embedder, EmbedderProvider } from '../contracts/embedder';
import { logger } from '../logger';
import { withCallDeadline } from './call-deadline';
import { guardUpstreamCall } from './guard-upstream-call';
import { type ResilienceSettings, resilienceSettings } from './resilience-settings';
import { createRetryPolicy, executeWithRetries } from './retry-policy';
import { toUpstreamAppError } from './upstream-errors';

export interface ResilientEmbedderOptions {
  /** Breaker name; defaults to `embeddings:<embedder id>`. */
  upstream?: string;
  settings?: Partial<ResilienceSettings>;
  /** Jitter source, for tests. */
  random?: () => number;
}

/**
 * Wraps a remote embedder with the same policies as the answer model: retries with full-jitter
 * backoff for retryable failures, its own circuit breaker, the global upstream limiter and
 * bulkhead, and a deadline per call (FIRST_TOKEN_TIMEOUT_MS for a query, TURN_TIMEOUT_MS for a
 * batch of documents). Failures surface as AppErrors; the wrapped embedder should not retry.
 */
export function withEmbedderResilience(embedder: Embedder, options: ResilientEmbedderOptions = {}): Embedder {
  const upstream = options.upstream ?? `embeddings:${embedder.id}`;
  const call = async <T>(
    work: (signal: AbortSignal) => Promise<T>,
    deadline: (settings: ResilienceSettings) => number,
    signal = new AbortController().signal,
  ): Promise<T> => {
    const settings = resilienceSettings(options.settings);
    try {
      return await executeWithRetries(
        createRetryPolicy(settings, options.random),
        (attemptSignal) =>
          guardUpstreamCall(
            upstream,
            (callSignal) => withCallDeadline(work, deadline(settings), callSignal),
            attemptSignal,
          ),
        signal,
        (notice) => logger.warn('embeddings_retry', { upstream, ...notice }),
      );
    } catch (error) {
      throw signal.aborted ? signal.reason : toUpstreamAppError(error);
    }
  };
  return {
    id: embedder.id,
    get dimensions() {
      return embedder.dimensions;
    },
    embedDocuments: (texts, signal) =>
      call(
        (callSignal) => embedder.embedDocuments(texts, callSignal),
        (settings) => settings.turnTimeoutMs,
        signal,
      ),
    embedQuery: (text, signal) =>
      call(
        (callSignal) => embedder.embedQuery(text, callSignal),
        (settings) => settings.firstTokenTimeoutMs,
        signal,
      ),
  };
}

/**
 * {@link withEmbedderResilience} for every embedder a provider makes (trained at ingest time or
 * loaded at query time). The registry wraps remote providers with it.
 */
export function withEmbedderProviderResilience(
  provider: EmbedderProvider,
  options: ResilientEmbedderOptions = {},
): EmbedderProvider {
  return {
    id: provider.id,
    async train(texts, signal) {
      const trained = await provider.train(texts, signal);
      return { ...trained, embedder: withEmbedderResilience(trained.embedder, options) };
    },
    load: (state) => withEmbedderResilience(provider.load(state), options),
  };
}
