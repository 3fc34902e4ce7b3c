import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, getConfig } from '@/lib/config';

const nextBin = path.resolve('node_modules/next/dist/bin/next');
const serveScript = path.resolve('scripts/serve.ts');
const buildMarker = '.next/BUILD_ID';
const sourcePaths = ['app', 'components', 'lib', 'next.config.js', 'package-lock.json'];

/** Newest modification time under the given paths, so a stale build is rebuilt. */
function newestModification(paths: string[]): number {
  let newest = 0;
  for (const entry of paths) {
    if (!fs.existsSync(entry)) continue;
    const stat = fs.statSync(entry);
    if (stat.isDirectory()) {
      const children = fs.readdirSync(entry).map((child) => path.join(entry, child));
      newest = Math.max(newest, newestModification(children));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  }
  return newest;
}

function needsBuild(): boolean {
  if (!fs.existsSync(buildMarker)) return true;
  return newestModification(sourcePaths) > fs.statSync(buildMarker).mtimeMs;
}

/** Runs node with `args` in a child process, passing SIGINT/SIGTERM on; resolves with its exit code. */
function run(args: string[], environment: NodeJS.ProcessEnv): Promise<number> {
  const child = spawn(process.execPath, args, { stdio: 'inherit', env: environment });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

/**
 * Validates configuration, builds the app when the build is missing or stale, then serves it
 * with scripts/serve.ts.
 */
async function main(): Promise<void> {
  let port: number;
  try {
    port = getConfig().PORT;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const environment = { ...process.env, NODE_ENV: 'production' as const, NEXT_TELEMETRY_DISABLED: '1' };
  if (needsBuild()) {
    console.log('start: building the app (next build)');
    const code = await run([nextBin, 'build'], environment);
    if (code !== 0) process.exit(code);
  }
  console.log(`start: serving on http://localhost:${port}`);
  // Our own server rather than `next start`, so the app sees each request's real peer address.
  process.exit(await run(['--import', 'tsx', serveScript, '--port', String(port)], environment));
}

void main();
