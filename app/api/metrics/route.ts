import { requireAdmin } from '@/lib/auth/require-admin';
import { errorResponse } from '@/lib/http/error-response';
import { otherMethods } from '@/lib/http/method-not-allowed';
import { renderPrometheusMetrics } from '@/lib/operations/prometheus-exposition';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('/api/metrics', ['GET']);

/** Prometheus text exposition of the app's metrics. Admin only (scrapers send the token as a bearer header). */
export async function GET(request: Request): Promise<Response> {
  try {
    requireAdmin(request);
    const { body, contentType } = await renderPrometheusMetrics();
    return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error, { route: '/api/metrics' });
  }
}
