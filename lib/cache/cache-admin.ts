import { z } from 'zod';
import { getAuditLog } from '../audit/file-audit-log';
import { AppError } from '../errors';
import { getResponseCache } from './response-cache';

const querySchema = z.object({
  collection: z.string().trim().min(1, 'must not be empty').max(200, 'is too long').optional(),
});

export type CacheInvalidation = z.infer<typeof querySchema>;

/** Reads `?collection=<name>` (optional); invalid values are a 400 naming the parameter. */
export function parseCacheInvalidation(searchParams: URLSearchParams): CacheInvalidation {
  const result = querySchema.safeParse(Object.fromEntries(searchParams));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AppError('bad_request', { publicMessage: `${issue.path.join('.')} ${issue.message}` });
  }
  return result.data;
}

/**
 * Drops cached answers of one collection (or all of them), e.g. after editing documents
 * without re-ingesting. Audited as an admin action.
 */
export async function invalidateCacheResponse(
  request: CacheInvalidation,
  who: { actor: string; ip: string },
): Promise<Response> {
  const cache = getResponseCache();
  let removed: number;
  if (request.collection) {
    removed = await cache.invalidateCollection(request.collection);
  } else {
    removed = await cache.size();
    await cache.clear();
  }
  getAuditLog().append({
    ...who,
    action: 'cache.invalidate',
    target: request.collection ?? 'all collections',
    result: 'ok',
    details: { removed },
  });
  return Response.json({ removed, collection: request.collection ?? null });
}
