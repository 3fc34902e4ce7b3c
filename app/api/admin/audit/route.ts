import type { NextRequest } from 'next/server';
import { readAuditEvents } from '@/lib/audit/audit-log';
import { parseAuditQuery } from '@/lib/audit/audit-query';
import { requireAdmin } from '@/lib/auth/require-admin';
import { errorResponse } from '@/lib/http/error-response';
import { otherMethods } from '@/lib/http/method-not-allowed';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('/api/admin/audit', ['GET']);

/** Admin only: the most recent audit events (`?limit=N`, default 100), newest first. */
export async function GET(request: NextRequest): Promise<Response> {
  try {
    requireAdmin(request);
    const { limit } = parseAuditQuery(request.nextUrl.searchParams);
    return Response.json({ events: readAuditEvents(limit) }, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error, { route: '/api/admin/audit' });
  }
}
