import { adminTokenForClients } from '../auth/admin-token';
import type { HealthReport, HealthStatus } from '../contracts/dashboard';

export const healthUsage = `Usage: npm run health -- [--json] [--url <base url>]

Checks the search indexes, metrics database, model provider and circuit breakers.
  --json        print the report as JSON
  --url <url>   ask a running server (GET <url>/api/health) instead of checking in-process

Exit codes: 0 healthy, 1 degraded, 2 down, 3 the check could not run.`;

export const healthExitCodes: Record<HealthStatus, number> = { healthy: 0, degraded: 1, down: 2 };
export const healthCheckFailedExitCode = 3;

export interface HealthCliOptions {
  json: boolean;
  url?: string;
  help: boolean;
}

/** Parses the CLI flags; throws an Error with a one-line message for anything unknown. */
export function parseHealthArguments(argv: readonly string[]): HealthCliOptions {
  const options: HealthCliOptions = { json: false, help: false };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--json') options.json = true;
    else if (argument === '--help' || argument === '-h') options.help = true;
    else if (argument === '--url') {
      const value = argv[index + 1];
      if (!value || value.startsWith('--'))
        throw new Error('--url needs a value, e.g. --url http://127.0.0.1:3000');
      try {
        options.url = new URL(value).origin;
      } catch {
        throw new Error(`--url ${JSON.stringify(value)} is not a URL`);
      }
      index += 1;
    } else throw new Error(`unknown argument ${JSON.stringify(argument)}`);
  }
  return options;
}

const marks: Record<HealthStatus, string> = { healthy: 'ok', degraded: '!!', down: 'XX' };

/** The report as aligned text lines for a terminal. */
export function formatHealthReport(report: HealthReport): string {
  const nameWidth = Math.max(...report.components.map((component) => component.name.length), 4);
  const lines = report.components.map(
    (component) =>
      `  ${marks[component.status].padEnd(2)} ${component.status.padEnd(8)} ${component.name.padEnd(nameWidth)} ${`${Math.round(component.latencyMs)} ms`.padStart(7)}  ${component.detail}`,
  );
  return [
    `Health: ${report.status.toUpperCase()} (checked in ${Math.round(report.latencyMs)} ms)`,
    ...lines,
  ].join('\n');
}

/**
 * Reads a health report from a running server's /api/health (200 or 503 both carry one),
 * sending the admin token (ADMIN_TOKEN, or the one the server generated) so the report includes
 * every component.
 */
export async function fetchHealthReport(baseUrl: string, timeoutMs = 15_000): Promise<HealthReport> {
  const token = adminTokenForClients();
  const response = await fetch(`${baseUrl}/api/health`, {
    signal: AbortSignal.timeout(timeoutMs),
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const body = (await response.json().catch(() => undefined)) as HealthReport | undefined;
  if (!body || !Array.isArray(body.components) || !(body.status in healthExitCodes)) {
    throw new Error(`${baseUrl}/api/health answered ${response.status} without a health report`);
  }
  return body;
}
