import { parseAuditQuery } from '@/lib/audit/audit-query';
import { getAuditLog } from '@/lib/audit/file-audit-log';
import { requireAdmin } from '@/lib/auth/require-admin';
import { errorResponse } from '@/lib/http/error-response';
import { otherMethods } from '@/lib/http/method-not-allowed';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('/api/admin/audit', ['GET']);

/**
 * Admin only: a page of audit events, newest first (`?limit=N`, default 100, at most 1000;
 * `?before=<nextCursor>` for older ones), with `nextCursor` and `corruptLines`.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    requireAdmin(request);
    const query = parseAuditQuery(new URL(request.url).searchParams);
    const page = await getAuditLog().readPage({ ...query, signal: request.signal });
    return Response.json(page, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error, { route: '/api/admin/audit' });
  }
}
