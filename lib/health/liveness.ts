/** The liveness answer: alive, with uptime. Cheap by design. */
export function livenessReport(): { status: 'ok'; uptimeSeconds: number } {
  return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
}
