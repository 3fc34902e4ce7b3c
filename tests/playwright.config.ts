import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { adminToken, e2eServers } from './support/e2e-ports';

/**
 * End-to-end tests against the production build (`npm run build` first; `npm test` does it).
 *
 * Servers (Playwright's webServer array, each with a fresh DATA_DIR under test-results/e2e-data
 * into which the starter corpus is ingested before the production server, scripts/serve.ts, starts):
 * - local (:3101): no OPENAI_API_KEY, so the embedded local generator answers.
 * - fake upstream (:3199): tests/support/start-fake-upstream.ts, scripted over /__control/*.
 * - fake-upstream app (:3102): OPENAI_BASE_URL=<fake>/v1 with a dummy key, so answers take the
 *   real @langchain/openai path against the fake.
 * - rate-limited (:3103): local generator with RATE_LIMIT_PER_MINUTE=1, RATE_LIMIT_BURST=1 (one request, then 429), to
 *   check the 429 error UI.
 * - dashboard (:3104): like fake-upstream-app, with a 15 s alert window (ALERT_*), used only by
 *   dashboard.spec.ts so its metrics start empty. No ADMIN_TOKEN: the spec signs in with the token
 *   the app generated in its DATA_DIR.
 * - admin (:3105): local generator with ADMIN_TOKEN set, used only by admin.spec.ts.
 * Environment set for the apps: OPENAI_API_KEY (empty = local generator), OPENAI_BASE_URL,
 * CHAT_MODEL, EMBEDDINGS=local (no network for embeddings), RATE_LIMIT_PER_MINUTE and
 * RATE_LIMIT_BURST (high, so tests never trip the limiter by accident), LOG_LEVEL=warn.
 */

const root = path.resolve(__dirname, '..');
const dataRoot = 'test-results/e2e-data';
const tsx = 'node_modules/.bin/tsx';

const appEnvironment = {
  EMBEDDINGS: 'local',
  ROUTER: 'local',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '1000',
  RATE_LIMIT_BURST: '1000',
  OPENAI_API_KEY: '',
  OPENAI_BASE_URL: '',
};

function appServer(name: string, port: number, collections: string, environment: Record<string, string>) {
  return {
    name,
    command: `${tsx} tests/support/e2e-server.ts --port ${port} --data-dir ${dataRoot}/${name} --collections ${collections}`,
    cwd: root,
    url: `http://127.0.0.1:${port}/`,
    env: { ...appEnvironment, ...environment },
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
    gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 5_000 },
  };
}

export default defineConfig({
  testDir: './e2e',
  outputDir: path.join(root, 'test-results'),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 20_000 },
  forbidOnly: true,
  reporter: [['list']],
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'local', use: { baseURL: e2eServers.local.url } },
    { name: 'fake-upstream', use: { baseURL: e2eServers.fakeUpstreamApp.url } },
  ],
  webServer: [
    {
      name: 'fake-upstream',
      command: `${tsx} tests/support/start-fake-upstream.ts --port ${e2eServers.fakeUpstream.port}`,
      cwd: root,
      url: `${e2eServers.fakeUpstream.url}/v1/models`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    appServer('local', e2eServers.local.port, 'python,javascript', {}),
    appServer('fake-upstream-app', e2eServers.fakeUpstreamApp.port, 'python,javascript', {
      OPENAI_API_KEY: 'e2e-fake-key',
      OPENAI_BASE_URL: `${e2eServers.fakeUpstream.url}/v1`,
      CHAT_MODEL: 'gpt-4o-mini',
    }),
    appServer('dashboard', e2eServers.dashboard.port, 'python,javascript', {
      OPENAI_API_KEY: 'e2e-fake-key',
      OPENAI_BASE_URL: `${e2eServers.fakeUpstream.url}/v1`,
      CHAT_MODEL: 'gpt-4o-mini',
      ALERT_WINDOW_SECONDS: '15',
      ALERT_MIN_TURNS: '3',
      ALERT_EVAL_INTERVAL_SECONDS: '1',
    }),
    appServer('rate-limited', e2eServers.rateLimited.port, 'python', {
      RATE_LIMIT_PER_MINUTE: '1',
      RATE_LIMIT_BURST: '1',
    }),
    appServer('admin', e2eServers.admin.port, 'python', { ADMIN_TOKEN: adminToken }),
  ],
});
