import { describe, expect, it } from 'vitest';
import type { HealthComponent } from '@/lib/contracts/dashboard';
import { checkHealth, worstStatus } from './check-health';
import { healthHttpStatus } from './health-http-status';

const healthy = (name: string, kind: HealthComponent['kind']): HealthComponent => ({
  name,
  kind,
  status: 'healthy',
  latencyMs: 1,
  detail: 'fine',
});

const allHealthy = {
  indexes: async () => [healthy('index:python', 'index'), healthy('index:javascript', 'index')],
  metricsDatabase: async () => healthy('metrics-db', 'metrics-db'),
  auditLog: async () => healthy('audit-log', 'audit-log'),
  modelProvider: async () => healthy('model-provider', 'model'),
  breakers: () => [{ name: 'chat:gpt-4o-mini', state: 'closed' as const }],
};

describe('checkHealth', () => {
  it('is healthy (200) when every component is', async () => {
    const report = await checkHealth(allHealthy);
    expect(report.status).toBe('healthy');
    expect(healthHttpStatus(report)).toBe(200);
    expect(report.components.map((component) => component.name)).toEqual([
      'index:python',
      'index:javascript',
      'metrics-db',
      'audit-log',
      'model-provider',
      'breaker:chat:gpt-4o-mini',
    ]);
    expect(report.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('is degraded (still 200) with an open breaker or an unreachable provider', async () => {
    const open = await checkHealth({ ...allHealthy, breakers: () => [{ name: 'chat:x', state: 'open' }] });
    expect(open.status).toBe('degraded');
    expect(healthHttpStatus(open)).toBe(200);
    const provider = await checkHealth({
      ...allHealthy,
      modelProvider: async () => {
        throw new Error('connect ECONNREFUSED');
      },
    });
    expect(provider.status).toBe('degraded');
    expect(provider.components.find((component) => component.kind === 'model')?.detail).toContain(
      'ECONNREFUSED',
    );
  });

  it('is down (503) when no index can be used', async () => {
    const report = await checkHealth({
      ...allHealthy,
      indexes: async () => [{ ...healthy('index', 'index'), status: 'down', detail: 'no collections' }],
    });
    expect(report.status).toBe('down');
    expect(healthHttpStatus(report)).toBe(503);
  });

  it('turns a failing index check into a down component instead of throwing', async () => {
    const report = await checkHealth({
      ...allHealthy,
      indexes: async () => {
        throw new Error('manifest unreadable');
      },
    });
    expect(report.components[0]).toMatchObject({ name: 'index', status: 'down' });
    expect(report.components[0].detail).toContain('manifest unreadable');
  });

  it('ranks statuses', () => {
    expect(worstStatus([])).toBe('healthy');
    expect(worstStatus(['healthy', 'degraded'])).toBe('degraded');
    expect(worstStatus(['degraded', 'down', 'healthy'])).toBe('down');
  });
});
