import type { JsonModel } from '../contracts/models';
import { withCallDeadline } from './call-deadline';
import { guardUpstreamCall } from './guard-upstream-call';
import { toUpstreamAppError } from './upstream-errors';

/**
 * Wraps a JSON model call in the resilience chain: its own circuit breaker, the global
 * upstream limiter and bulkhead, and the request's deadline inside the breaker (so a stalling
 * upstream counts against it and later calls fail fast). No retries: a JSON call is a quick
 * optional step whose caller has a fallback. Failures surface as AppErrors; the caller's own
 * abort surfaces as its reason.
 */
export function withJsonModelResilience(model: JsonModel, upstream: string): JsonModel {
  return {
    id: model.id,
    async complete(request) {
      try {
        return await guardUpstreamCall(
          upstream,
          (callSignal) =>
            withCallDeadline(
              (deadlineSignal) => model.complete({ ...request, signal: deadlineSignal }),
              request.timeoutMs,
              callSignal,
            ),
          request.signal,
        );
      } catch (error) {
        throw request.signal.aborted ? request.signal.reason : toUpstreamAppError(error);
      }
    },
  };
}
