import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Launches one built app for Playwright: a fresh DATA_DIR, the starter corpus ingested into
 * it, then the production server (scripts/serve.ts). Usage:
 *   tsx tests/support/e2e-server.ts --port 3101 --data-dir test-results/e2e-data/local --collections python,javascript
 * Other settings (API key, base URL, rate limits) come from the environment Playwright passes.
 */

const root = path.resolve(__dirname, '../..');

function flag(name: string): string {
  const position = process.argv.indexOf(`--${name}`);
  const value = position >= 0 ? process.argv[position + 1] : undefined;
  if (!value) {
    console.error(`e2e-server: missing --${name}`);
    process.exit(2);
  }
  return value;
}

let current: ChildProcess | undefined;

function run(command: string, args: string[], environment: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    current = spawn(command, args, { cwd: root, env: environment, stdio: 'inherit' });
    current.on('error', reject);
    current.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<void> {
  const port = flag('port');
  const dataDirectory = path.resolve(root, flag('data-dir'));
  const collections = flag('collections').split(',').filter(Boolean);
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    console.error('e2e-server: no production build found; run `npm run build` first');
    process.exit(1);
  }

  fs.rmSync(dataDirectory, { recursive: true, force: true });
  fs.mkdirSync(dataDirectory, { recursive: true });
  const environment = {
    ...process.env,
    DATA_DIR: dataDirectory,
    PORT: port,
    NODE_ENV: 'production' as const,
  };

  const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
  for (const collection of collections) {
    const corpus = path.join(root, 'data', 'corpus', collection);
    const code = await run(tsx, ['scripts/ingest.ts', corpus, '--collection', collection], environment);
    if (code !== 0) {
      console.error(`e2e-server: ingesting ${collection} failed (exit ${code})`);
      process.exit(code);
    }
  }

  // The production server npm start runs, so requests carry their real peer address.
  const serve = path.join(root, 'scripts', 'serve.ts');
  const code = await run(
    process.execPath,
    ['--import', 'tsx', serve, '--port', port, '--hostname', '127.0.0.1'],
    environment,
  );
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // The child's exit then ends this process through main().
    if (current && current.exitCode === null) current.kill(signal);
    else process.exit(0);
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
