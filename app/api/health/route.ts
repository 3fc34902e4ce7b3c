import { isAdminRequest } from '@/lib/auth/require-admin';
import { checkHealth } from '@/lib/health/check-health';
import { healthHttpStatus } from '@/lib/health/health-http-status';
import { errorResponse } from '@/lib/http/error-response';
import { otherMethods } from '@/lib/http/method-not-allowed';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('/api/health', ['GET']);

/**
 * Readiness: every component with its status and latency; 503 when the app cannot answer.
 * Without admin access (whenever an admin token applies) only the overall status is shown.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const report = await checkHealth();
    return Response.json(isAdminRequest(request) ? report : { ...report, components: [] }, {
      status: healthHttpStatus(report),
      headers: { 'cache-control': 'no-store' },
    });
  } catch (error) {
    return errorResponse(error, { route: '/api/health' });
  }
}
