import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

/** The production server the benchmark drives, running as a child process. */
export interface AppServer {
  url: string;
  pid: number;
  logFile: string;
  /** Stops the server (SIGTERM, then SIGKILL after 10 s) and waits for it to exit. */
  stop(): Promise<void>;
}

export interface AppServerOptions {
  root: string;
  port: number;
  /** The complete environment of the server process. */
  environment: NodeJS.ProcessEnv;
  logFile: string;
  /** When set, the server runs with `--cpu-prof` and writes its profile here on exit. */
  cpuProfileDirectory?: string;
  readyTimeoutMs?: number;
}

/** The last lines of a log file, to explain why a child process failed. */
export function logTail(file: string, lines = 20): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function answersHttp(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 2_000 }, (response) => {
      response.resume();
      resolve(true);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts the production server npm start runs (scripts/serve.ts) from the existing build on
 * 127.0.0.1:`port` and resolves once it answers HTTP. Output goes to `logFile`; a server that exits or stays silent past
 * `readyTimeoutMs` is an error carrying the log's tail.
 */
export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const serveScript = path.join(options.root, 'scripts', 'serve.ts');
  const profileFlags = options.cpuProfileDirectory
    ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDirectory}`]
    : [];
  const log = fs.openSync(options.logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      ...profileFlags,
      '--import',
      'tsx',
      serveScript,
      '--port',
      String(options.port),
      '--hostname',
      '127.0.0.1',
    ],
    { cwd: options.root, env: options.environment, stdio: ['ignore', log, log] },
  );
  fs.closeSync(log);
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const url = `http://127.0.0.1:${options.port}`;

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    if (!(await waitForExit(child, 10_000))) {
      child.kill('SIGKILL');
      await waitForExit(child, 5_000);
    }
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    const early = await Promise.race([
      spawnError,
      new Promise<undefined>((resolve) => setTimeout(resolve, 250)),
    ]);
    if (early) throw new Error(`could not start the server: ${early.message}`);
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited during start-up:\n${logTail(options.logFile)}`);
    }
    if (await answersHttp(`${url}/api/health/live`)) {
      if (child.pid === undefined) break;
      return { url, pid: child.pid, logFile: options.logFile, stop };
    }
  }
  await stop();
  throw new Error(`the server did not answer within the start-up timeout:\n${logTail(options.logFile)}`);
}
