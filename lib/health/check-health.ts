import type { HealthComponent, HealthReport, HealthStatus } from '../contracts/dashboard';
import { type BreakerSnapshot, readBreakerStates } from './breaker-states';
import { auditLogCheckFailed, checkAuditLog } from './check-audit-log';
import { checkIndexes } from './check-indexes';
import { checkMetricsDatabase } from './check-metrics-db';
import { checkModelProvider } from './check-model-provider';
import { timed } from './timed';

/** The checks behind a health report; tests replace them. */
export interface HealthProbes {
  indexes: () => Promise<HealthComponent[]>;
  metricsDatabase: () => Promise<HealthComponent>;
  auditLog: () => Promise<HealthComponent>;
  modelProvider: () => Promise<HealthComponent>;
  breakers: () => BreakerSnapshot[];
}

const defaultProbes: HealthProbes = {
  indexes: checkIndexes,
  metricsDatabase: () => checkMetricsDatabase(),
  auditLog: () => checkAuditLog(),
  modelProvider: () => checkModelProvider(),
  breakers: readBreakerStates,
};

// A check that hangs must not hang the health endpoint: past this it counts as failed.
const probeTimeoutMs = 5000;

const rank: Record<HealthStatus, number> = { healthy: 0, degraded: 1, down: 2 };

/** The worst of several statuses. */
export function worstStatus(statuses: HealthStatus[]): HealthStatus {
  return statuses.reduce<HealthStatus>(
    (worst, status) => (rank[status] > rank[worst] ? status : worst),
    'healthy',
  );
}

async function guarded<Result>(
  probe: () => Promise<Result>,
  failed: (detail: string, latencyMs: number) => Result,
): Promise<Result> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      probe(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${probeTimeoutMs} ms`)), probeTimeoutMs);
      }),
    ]);
  } catch (error) {
    return failed(
      error instanceof Error ? error.message : String(error),
      Math.round(performance.now() - started),
    );
  } finally {
    clearTimeout(timer);
  }
}

function breakerComponents(breakers: BreakerSnapshot[]): HealthComponent[] {
  return breakers.map((breaker) => ({
    name: `breaker:${breaker.name}`,
    kind: 'breaker',
    // An open breaker means that upstream is skipped and turns use the fallback: degraded.
    status: breaker.state === 'closed' ? 'healthy' : 'degraded',
    latencyMs: 0,
    detail:
      breaker.state === 'closed'
        ? 'closed: calls go through'
        : breaker.state === 'open'
          ? 'open: calls fail fast or use the fallback'
          : 'half-open: a trial call decides',
  }));
}

/**
 * Checks every component (search index per collection, metrics database, model provider,
 * circuit breakers) concurrently and reports each with its latency. Overall status is the
 * worst component: `down` only when answering is impossible (no usable index).
 */
export async function checkHealth(probes: Partial<HealthProbes> = {}): Promise<HealthReport> {
  const use = { ...defaultProbes, ...probes };
  const [components, latencyMs] = await timed(async () => {
    const [indexes, metricsDatabase, auditLog, modelProvider] = await Promise.all([
      guarded(use.indexes, (detail, latency): HealthComponent[] => [
        {
          name: 'index',
          kind: 'index',
          status: 'down',
          latencyMs: latency,
          detail: `check failed: ${detail}`,
        },
      ]),
      guarded(
        use.metricsDatabase,
        (detail, latency): HealthComponent => ({
          name: 'metrics-db',
          kind: 'metrics-db',
          status: 'degraded',
          latencyMs: latency,
          detail: `check failed: ${detail}`,
        }),
      ),
      guarded(use.auditLog, auditLogCheckFailed),
      guarded(
        use.modelProvider,
        (detail, latency): HealthComponent => ({
          name: 'model-provider',
          kind: 'model',
          status: 'degraded',
          latencyMs: latency,
          detail: `check failed: ${detail}`,
        }),
      ),
    ]);
    return [...indexes, metricsDatabase, auditLog, modelProvider, ...breakerComponents(use.breakers())];
  });
  return {
    status: worstStatus(components.map((component) => component.status)),
    checkedAt: new Date().toISOString(),
    latencyMs,
    components,
  };
}
