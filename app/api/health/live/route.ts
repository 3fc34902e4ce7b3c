import { livenessReport } from '@/lib/health/liveness';
import { otherMethods } from '@/lib/http/method-not-allowed';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('/api/health/live', ['GET']);

/** Liveness: the process answers HTTP. Touches no database, index or upstream. */
export function GET(): Response {
  return Response.json(livenessReport(), { headers: { 'cache-control': 'no-store' } });
}
