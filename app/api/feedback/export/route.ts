import type { NextRequest } from 'next/server';
import { requireAdmin } from '@/lib/auth/require-admin';
import { clientAddress } from '@/lib/http/client-address';
import { errorResponse } from '@/lib/http/error-response';
import { otherMethods } from '@/lib/http/method-not-allowed';
import { feedbackExportResponse, parseFeedbackExportQuery } from '@/lib/operations/feedback-export';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('/api/feedback/export', ['GET']);

/** Admin only: rated answers of the last `?days=N` (default 30) as `?format=json|csv`. Audited. */
export async function GET(request: NextRequest): Promise<Response> {
  try {
    const proof = requireAdmin(request);
    const query = parseFeedbackExportQuery(request.nextUrl.searchParams);
    return feedbackExportResponse(query, { actor: `admin (${proof})`, ip: clientAddress(request) });
  } catch (error) {
    return errorResponse(error, { route: '/api/feedback/export' });
  }
}
