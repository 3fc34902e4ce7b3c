import type { z } from 'zod';
import { AppError } from '../errors';

/** The largest JSON body any endpoint accepts, in bytes. */
export const maxJsonBodyBytes = 1_000_000;

function tooLarge(): AppError {
  return new AppError('bad_request', {
    publicMessage: `The request body is larger than ${maxJsonBodyBytes} bytes.`,
  });
}

// `application/json`, optionally with parameters such as `; charset=utf-8`, in any letter case.
const jsonContentType = /^application\/json[\t ]*(;|$)/i;

/**
 * Refuses a body that is not declared as JSON. A cross-site HTML form can only send
 * `text/plain`, `application/x-www-form-urlencoded` or `multipart/form-data` without a CORS
 * preflight, so demanding `application/json` keeps such posts from ever reaching a handler.
 */
function requireJsonContentType(request: Request): void {
  const contentType = request.headers.get('content-type')?.trim() ?? '';
  if (!jsonContentType.test(contentType)) {
    throw new AppError('unsupported_media_type', {
      detail: `content-type ${JSON.stringify(contentType.slice(0, 100))}`,
    });
  }
}

/**
 * The body as text, refused as soon as it is known to be too large: before reading when
 * Content-Length says so, else while reading, stopping at the first chunk past the limit, so
 * an oversized (or endless) upload is never held in memory.
 */
async function readBodyText(request: Request): Promise<string> {
  // A missing or malformed Content-Length proves nothing; the byte count while reading decides.
  if (Number(request.headers.get('content-length')) > maxJsonBodyBytes) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      throw new AppError('bad_request', {
        publicMessage: 'The request body could not be read.',
        cause: error,
      });
    }
    if (chunk.done) return text + decoder.decode();
    bytes += chunk.value.byteLength;
    if (bytes > maxJsonBodyBytes) {
      // Stop the upload here; nobody waits for the rest of it.
      reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    text += decoder.decode(chunk.value, { stream: true });
  }
}

/**
 * Reads and validates a JSON request body. A Content-Type other than `application/json` is a
 * 415 before anything is read. Invalid JSON, bodies over {@link maxJsonBodyBytes} (refused
 * before or while reading, never after) and schema violations all become a 400 with a
 * message naming the offending field.
 */
export async function parseJsonBody<Schema extends z.ZodTypeAny>(
  request: Request,
  schema: Schema,
): Promise<z.infer<Schema>> {
  requireJsonContentType(request);
  const text = await readBodyText(request);
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
