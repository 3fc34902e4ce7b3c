import { errorResponse } from '@/lib/http/error-response';
import { otherMethods } from '@/lib/http/method-not-allowed';
import { parseJsonBody } from '@/lib/http/parse-request';
import { enforceClientRateLimit } from '@/lib/resilience/client-rate-limit';
import {
  recordRetrieveRequest,
  retrieveRequestSchema,
  retrieveResponse,
} from '@/lib/retrieval/retrieve-endpoint';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('/api/retrieve', ['POST']);

/**
 * Searches the documentation: `{ query, collection?, k? }` -> `{ route, sources }`. Shares the
 * chat endpoints' per-client rate limit (with ROUTER=llm each search is a model call).
 */
export async function POST(request: Request): Promise<Response> {
  const startedAt = performance.now();
  try {
    await enforceClientRateLimit(request);
    const body = await parseJsonBody(request, retrieveRequestSchema);
    return recordRetrieveRequest(await retrieveResponse(body, { signal: request.signal }), startedAt);
  } catch (error) {
    return recordRetrieveRequest(errorResponse(error, { route: '/api/retrieve' }), startedAt);
  }
}
