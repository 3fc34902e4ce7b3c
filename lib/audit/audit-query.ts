import { z } from 'zod';
import { AppError } from '../errors';
import { decodeAuditCursor } from './audit-reader';

const querySchema = z.object({
  limit: z.coerce
    .number({ invalid_type_error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(1000, 'must be at most 1000')
    .default(100),
  before: z
    .string()
    .max(200, 'is not a cursor from this API')
    .optional()
    .refine(
      (text) => text === undefined || decodeAuditCursor(text) !== undefined,
      'is not a cursor from this API',
    ),
});

/**
 * Reads `?limit=N` (1-1000, default 100) and `?before=<nextCursor>` for the audit log API;
 * anything else is a 400.
 */
export function parseAuditQuery(searchParams: URLSearchParams): { limit: number; before?: string } {
  const result = querySchema.safeParse(Object.fromEntries(searchParams));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AppError('bad_request', { publicMessage: `${issue.path.join('.')} ${issue.message}` });
  }
  return result.data;
}
