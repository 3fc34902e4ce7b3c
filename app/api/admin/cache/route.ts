import type { NextRequest } from 'next/server';
import { requireAdmin } from '@/lib/auth/require-admin';
import { invalidateCacheResponse, parseCacheInvalidation } from '@/lib/cache/cache-admin';
import { clientAddress } from '@/lib/http/client-address';
import { errorResponse } from '@/lib/http/error-response';
import { otherMethods } from '@/lib/http/method-not-allowed';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods('/api/admin/cache', ['DELETE']);

/** Admin only: empties the response cache, or only `?collection=<name>`'s answers. Audited. */
export async function DELETE(request: NextRequest): Promise<Response> {
  try {
    const proof = requireAdmin(request);
    const invalidation = parseCacheInvalidation(request.nextUrl.searchParams);
    return await invalidateCacheResponse(invalidation, {
      actor: `admin (${proof})`,
      ip: clientAddress(request),
    });
  } catch (error) {
    return errorResponse(error, { route: '/api/admin/cache' });
  }
}
