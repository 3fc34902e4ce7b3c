/**
 * Runs once when the server starts. Warns loudly when production runs without ADMIN_TOKEN, and
 * starts the metrics jobs (alert evaluation, retention), and loads the indexes in the background.
 * NEXT_RUNTIME is set by Next.js itself (not app configuration): the Node-only module must
 * not be loaded into an edge bundle.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { warnIfAdminUnprotected } = await import('@/lib/auth/startup-warning');
  warnIfAdminUnprotected();
  // Alerts are evaluated and old metrics pruned from start-up, not only once turns arrive.
  const { ensureMetricsJobs } = await import('@/lib/metrics/background-jobs');
  ensureMetricsJobs();
  const { warmUp } = await import('@/lib/agent/warm-up');
  void warmUp();
}
