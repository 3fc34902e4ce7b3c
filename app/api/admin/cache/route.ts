import type { NextRequest } from 'next/server';
import { requireAdmin } from '@/lib/auth/require-admin';
import { invalidateCacheResponse, parseCacheInvalidation } from '@/lib/cache/cache-admin';
import { errorResponse } from '@/lib/http/error-response';
import { clientKeyOf } from '@/lib/resilience/client-rate-limit';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Admin only: empties the response cache, or only `?collection=<name>`'s answers. Audited. */
export async function DELETE(request: NextRequest): Promise<Response> {
  try {
    const proof = requireAdmin(request);
    const invalidation = parseCacheInvalidation(request.nextUrl.searchParams);
    return await invalidateCacheResponse(invalidation, {
      actor: `admin (${proof})`,
      ip: clientKeyOf(request),
    });
  } catch (error) {
    return errorResponse(error, { route: '/api/admin/cache' });
  }
}
