import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { logTail } from './app-server';

export interface CommandResult {
  exitCode: number;
  durationMs: number;
}

/**
 * Runs a command to completion with its output appended to `logFile`, timing it; rejects with
 * the log's tail when it fails, and kills it after `timeoutMs`.
 */
export function runTimedCommand(
  command: string,
  args: string[],
  options: { cwd: string; environment: NodeJS.ProcessEnv; logFile: string; timeoutMs: number },
): Promise<CommandResult> {
  const log = fs.openSync(options.logFile, 'a');
  fs.writeSync(log, `\n$ ${command} ${args.join(' ')}\n`);
  const start = performance.now();
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.environment,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not run ${command}: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const durationMs = performance.now() - start;
      if (code === 0) return resolve({ exitCode: 0, durationMs });
      const reason = signal ? `was killed (${signal})` : `exited with ${code}`;
      reject(new Error(`${command} ${args.join(' ')} ${reason}:\n${logTail(options.logFile)}`));
    });
  });
}
