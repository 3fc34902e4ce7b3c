import { readBreakerStates } from '../health/breaker-states';
import { inFlightTurns } from '../metrics/in-flight';
import { renderPrometheusText } from '../telemetry/prometheus';

/**
 * `GET /api/metrics`: every counter, plus the circuit breakers' states and the turns in flight
 * read at this moment.
 */
export function renderPrometheusMetrics(): Promise<{ body: string; contentType: string }> {
  return renderPrometheusText({ breakers: readBreakerStates(), inFlightTurns: inFlightTurns() });
}
