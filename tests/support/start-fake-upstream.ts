import { createFakeOpenAIServer } from './fake-openai-server';

/**
 * Runs the fake OpenAI-compatible upstream until killed, for Playwright and benchmarks:
 * `tsx tests/support/start-fake-upstream.ts --port 3199`. Script it over HTTP with
 * POST /__control/script, /__control/default, /__control/reset and GET /__control/requests.
 */
async function main(): Promise<void> {
  const portFlag = process.argv.indexOf('--port');
  const portText = portFlag >= 0 ? process.argv[portFlag + 1] : '0';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number (0-65535), got ${JSON.stringify(portText)}`);
    process.exit(2);
  }
  const server = await createFakeOpenAIServer({ port });
  console.log(`fake OpenAI upstream listening on ${server.baseURL}`);
  const stop = () => {
    server.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
