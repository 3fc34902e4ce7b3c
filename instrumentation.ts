/**
 * Runs once when the server starts. Prints the admin sign-in link when production runs without
 * ADMIN_TOKEN (the token is generated under DATA_DIR), starts the metrics jobs (alert evaluation,
 * retention), and loads the indexes in the background.
 * NEXT_RUNTIME is set by Next.js itself (not app configuration): the Node-only module must
 * not be loaded into an edge bundle.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { announceAdminAccess } = await import('@/lib/auth/startup-warning');
  announceAdminAccess();
  // Alerts are evaluated and old metrics pruned from start-up, not only once turns arrive.
  const { ensureMetricsJobs } = await import('@/lib/operations/background-jobs');
  ensureMetricsJobs();
  const { warmUp } = await import('@/lib/agent/warm-up');
  void warmUp();
}
