import type { z } from 'zod';
import { AppError } from '../errors';

const maxBodyBytes = 1_000_000;

/**
 * Reads and validates a JSON request body. Invalid JSON, oversized bodies and schema
 * violations all become a 400 with a message naming the offending field.
 */
export async function parseJsonBody<Schema extends z.ZodTypeAny>(
  request: Request,
  schema: Schema,
): Promise<z.infer<Schema>> {
  const text = await request.text();
  if (text.length > maxBodyBytes) {
    throw new AppError('bad_request', {
      publicMessage: `The request body is larger than ${maxBodyBytes} bytes.`,
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError('bad_request', { publicMessage: 'The request body is not valid JSON.' });
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    throw new AppError('bad_request', { publicMessage: `${where}${issue.message}` });
  }
  return result.data;
}
