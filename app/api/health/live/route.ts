import { livenessReport } from '@/lib/health/liveness';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Liveness: the process answers HTTP. Touches no database, index or upstream. */
export function GET(): Response {
  return Response.json(livenessReport(), { headers: { 'cache-control': 'no-store' } });
}
