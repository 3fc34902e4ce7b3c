import { chatRequestSchema } from '@/lib/agent/chat-request';
import { markRequestArrival } from '@/lib/agent/request-arrival';
import { streamChatTurn } from '@/lib/chat/stream-chat-turn';
import { getTurnDependencies } from '@/lib/chat/turn-dependencies';
import { errorResponse } from '@/lib/http/error-response';
import { otherMethods } from '@/lib/http/method-not-allowed';
import { parseJsonBody } from '@/lib/http/parse-request';
import { enforceClientRateLimit } from '@/lib/resilience/client-rate-limit';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('/api/chat', ['POST']);

/**
 * One chat turn for useChat: `{ messages, collection?, id? }` in, an AI SDK UI message stream
 * out. Rate limits and bad input are JSON errors decided before the stream starts.
 */
export async function POST(request: Request): Promise<Response> {
  // First, so TTFT, latency and the turn deadline count from here, as the client measures them.
  const arrival = markRequestArrival();
  try {
    await enforceClientRateLimit(request);
    const body = await parseJsonBody(request, chatRequestSchema);
    return await streamChatTurn(body, {
      signal: request.signal,
      dependencies: getTurnDependencies(),
      arrival,
    });
  } catch (error) {
    return errorResponse(error, { route: '/api/chat' });
  }
}
