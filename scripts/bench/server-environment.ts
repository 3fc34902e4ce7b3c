import type { AppConfig } from '@/lib/config';

/** The admin token the bench gives its server, so it can read the server's own Prometheus figures. */
export const benchAdminToken = 'bench-admin-token-0123456789';

/**
 * The app settings every part of a benchmark shares (server, ingest CLI, in-process retrieval):
 * production mode, a private data directory, the fake upstream as the only model provider,
 * the default local embedder, router and query rewriting, and every limiter that would
 * throttle the load generator turned off or out of reach (the bench measures the pipeline,
 * not the limits).
 */
export function benchAppSettings(settings: {
  dataDirectory: string;
  upstreamBaseURL: string;
}): Partial<Record<keyof AppConfig, string>> {
  return {
    NODE_ENV: 'production',
    DATA_DIR: settings.dataDirectory,
    OPENAI_BASE_URL: settings.upstreamBaseURL,
    OPENAI_API_KEY: 'bench-key',
    EMBEDDINGS: 'local',
    ROUTER: 'local',
    QUERY_REWRITE: 'local',
    RATE_LIMIT_PER_MINUTE: '0',
    UPSTREAM_REQUESTS_PER_MINUTE: '1000000',
    UPSTREAM_CONCURRENCY: '512',
    UPSTREAM_QUEUE_LIMIT: '10000',
    // The bench reads the server's own Prometheus figures (event-loop delay) as an admin.
    ADMIN_TOKEN: benchAdminToken,
    // The bench reads the server's own per-turn timings back by the question's tag.
    STORE_QUESTIONS: 'redacted',
  };
}

/** A child process's environment: the caller's, with the bench settings on top. */
export function benchServerEnvironment(
  base: NodeJS.ProcessEnv,
  settings: { dataDirectory: string; port: number; upstreamBaseURL: string },
): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {
    ...base,
    ...benchAppSettings(settings),
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(settings.port),
  };
  // Settings from the caller's shell that would change what is measured.
  for (const name of ['FALLBACK_MODEL', 'TURN_BUDGET_USD', 'DAILY_BUDGET_USD', 'NODE_OPTIONS'])
    delete environment[name];
  return environment;
}
