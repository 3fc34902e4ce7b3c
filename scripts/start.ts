import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, getConfig } from '@/lib/config';

/** Validates configuration, builds the app when no current build exists, then serves it. */
function main(): void {
  let config: ReturnType<typeof getConfig>;
  try {
    config = getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const nextBin = path.resolve('node_modules/next/dist/bin/next');
  if (!fs.existsSync('.next/BUILD_ID')) {
    console.log('start: no production build yet, running next build');
    const build = spawn(process.execPath, [nextBin, 'build'], { stdio: 'inherit' });
    build.on('exit', (code) => (code === 0 ? serve(nextBin, config.PORT) : process.exit(code ?? 1)));
    return;
  }
  serve(nextBin, config.PORT);
}

function serve(nextBin: string, port: number): void {
  const server = spawn(process.execPath, [nextBin, 'start', '--port', String(port)], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
  server.on('exit', (code) => process.exit(code ?? 0));
}

main();
