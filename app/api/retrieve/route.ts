import { z } from 'zod';
import { errorResponse } from '@/lib/http/error-response';
import { parseJsonBody } from '@/lib/http/parse-request';
import { retrieveJson } from '@/lib/retrieval/retrieval-json';
import { maxK } from '@/lib/retrieval/retrieve';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const bodySchema = z.object({
  query: z.string().trim().min(1, 'must not be empty').max(4000, 'must be at most 4000 characters'),
  collection: z.string().min(1).max(40).optional(),
  k: z.number().int().min(1).max(maxK).optional(),
});

/** Searches the documentation: `{ query, collection?, k? }` -> `{ route, sources }`. */
export async function POST(request: Request): Promise<Response> {
  try {
    const body = await parseJsonBody(request, bodySchema);
    return Response.json(await retrieveJson({ ...body, signal: request.signal }), {
      headers: { 'cache-control': 'no-store' },
    });
  } catch (error) {
    return errorResponse(error, { route: '/api/retrieve' });
  }
}
