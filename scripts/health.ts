import { checkHealth } from '@/lib/health/check-health';
import {
  fetchHealthReport,
  formatHealthReport,
  healthCheckFailedExitCode,
  healthExitCodes,
  healthUsage,
  parseHealthArguments,
} from '@/lib/health/health-cli';

/** `npm run health -- [--json] [--url <base url>]`: exit 0 healthy, 1 degraded, 2 down, 3 failed. */
async function main(): Promise<number> {
  let options: ReturnType<typeof parseHealthArguments>;
  try {
    options = parseHealthArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`health: ${error instanceof Error ? error.message : error}\n\n${healthUsage}`);
    return healthCheckFailedExitCode;
  }
  if (options.help) {
    console.log(healthUsage);
    return 0;
  }
  try {
    const report = options.url ? await fetchHealthReport(options.url) : await checkHealth();
    console.log(options.json ? JSON.stringify(report, null, 2) : formatHealthReport(report));
    return healthExitCodes[report.status];
  } catch (error) {
    console.error(`health: the check could not run: ${error instanceof Error ? error.message : error}`);
    return healthCheckFailedExitCode;
  }
}

// Exit explicitly: keep-alive sockets from the provider probe would otherwise hold the process.
main().then((code) => process.exit(code));
