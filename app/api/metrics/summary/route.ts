import type { NextRequest } from 'next/server';
import { requireAdmin } from '@/lib/auth/require-admin';
import { errorResponse } from '@/lib/http/error-response';
import { otherMethods } from '@/lib/http/method-not-allowed';
import { parseSummaryQuery } from '@/lib/metrics/summary-query';
import { getDashboardSummary } from '@/lib/operations/dashboard-summary';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('/api/metrics/summary', ['GET']);

/** The dashboard's data for `?window=15m|1h|24h|7d` and optional status/route/model filters. Admin only. */
export async function GET(request: NextRequest): Promise<Response> {
  try {
    requireAdmin(request);
    const summary = await getDashboardSummary(parseSummaryQuery(request.nextUrl.searchParams));
    return Response.json(summary, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error, { route: '/api/metrics/summary' });
  }
}
