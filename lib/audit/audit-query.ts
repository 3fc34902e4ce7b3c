import { z } from 'zod';
import { AppError } from '../errors';

const querySchema = z.object({
  limit: z.coerce
    .number({ invalid_type_error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(1000, 'must be at most 1000')
    .default(100),
});

/** Reads `?limit=N` (1-1000, default 100) for the audit log API. */
export function parseAuditQuery(searchParams: URLSearchParams): { limit: number } {
  const result = querySchema.safeParse(Object.fromEntries(searchParams));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AppError('bad_request', { publicMessage: `${issue.path.join('.')} ${issue.message}` });
  }
  return result.data;
}
