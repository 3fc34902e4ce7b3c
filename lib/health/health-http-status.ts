import type { HealthReport } from '../contracts/dashboard';

/** 200 while the app can answer (healthy or degraded), 503 when it is down. */
export function healthHttpStatus(report: HealthReport): number {
  return report.status === 'down' ? 503 : 200;
}
