/** Where the e2e servers listen; shared by the Playwright config and the specs. */
export const e2eServers = {
  /** App with no API key: answers come from the embedded local generator. */
  local: { port: 3101, url: 'http://127.0.0.1:3101' },
  /** App whose model is the fake OpenAI-compatible upstream (the real @langchain/openai path). */
  fakeUpstreamApp: { port: 3102, url: 'http://127.0.0.1:3102' },
  /** App with a tiny per-client rate limit, to see the 429 error UI. */
  rateLimited: { port: 3103, url: 'http://127.0.0.1:3103' },
  /**
   * Fake-upstream app used only by the dashboard spec, with a short alert window, so its counts
   * start from zero and alerts fire and resolve within a test.
   */
  dashboard: { port: 3104, url: 'http://127.0.0.1:3104' },
  /** Local-generator app with ADMIN_TOKEN set, for the admin access and security header spec. */
  admin: { port: 3105, url: 'http://127.0.0.1:3105' },
  /** The fake upstream itself; scripted over HTTP at /__control/*. */
  fakeUpstream: { port: 3199, url: 'http://127.0.0.1:3199' },
} as const;

/** The ADMIN_TOKEN of the admin app (a test value, not a secret). */
export const adminToken = 'e2e-admin-token-0123456789abcdef';
