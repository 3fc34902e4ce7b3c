import path from 'node:path';
import next from 'next';
import { getConfig } from '@/lib/config';
import { createProductionServer } from '@/lib/http/production-server';

/**
 * Serves the production build through our own HTTP server (lib/http/production-server), so
 * every request carries its real peer address. Started by `npm start`, the e2e server and the
 * benchmark: `node --import tsx scripts/serve.ts [--port 3000] [--hostname 127.0.0.1]`.
 */

function flag(name: string): string | undefined {
  const position = process.argv.indexOf(`--${name}`);
  return position >= 0 ? process.argv[position + 1] : undefined;
}

async function main(): Promise<void> {
  const port = Number(flag('port') ?? getConfig().PORT);
  const hostname = flag('hostname');
  const app = next({ dev: false, dir: path.resolve(__dirname, '..'), hostname, port });
  await app.prepare();
  const server = createProductionServer(app.getRequestHandler());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      server.close();
      process.exit(0);
    });
  }
  server.listen(port, hostname, () => {
    console.log(`serve: ready on http://${hostname ?? 'localhost'}:${port}`);
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
