import type { NextRequest } from 'next/server';
import { requireAdmin } from '@/lib/auth/require-admin';
import { errorResponse } from '@/lib/http/error-response';
import { feedbackExportResponse, parseFeedbackExportQuery } from '@/lib/metrics/feedback-export';
import { clientKeyOf } from '@/lib/resilience/client-rate-limit';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Admin only: rated answers of the last `?days=N` (default 30) as `?format=json|csv`. Audited. */
export async function GET(request: NextRequest): Promise<Response> {
  try {
    const proof = requireAdmin(request);
    const query = parseFeedbackExportQuery(request.nextUrl.searchParams);
    return feedbackExportResponse(query, { actor: `admin (${proof})`, ip: clientKeyOf(request) });
  } catch (error) {
    return errorResponse(error, { route: '/api/feedback/export' });
  }
}
