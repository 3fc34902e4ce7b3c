import { errorResponse } from '@/lib/http/error-response';
import { renderPrometheusMetrics } from '@/lib/metrics/prometheus';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Prometheus text exposition of the app's metrics. */
export async function GET(): Promise<Response> {
  try {
    const { body, contentType } = await renderPrometheusMetrics();
    return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error, { route: '/api/metrics' });
  }
}
