import { openAIChatRequestSchema } from '@/lib/agent/openai-request';
import { markRequestArrival } from '@/lib/agent/request-arrival';
import { answerChatCompletion } from '@/lib/chat/openai-completions';
import { getTurnDependencies } from '@/lib/chat/turn-dependencies';
import { openAIErrorResponse } from '@/lib/http/error-response';
import { otherMethods } from '@/lib/http/method-not-allowed';
import { parseJsonBody } from '@/lib/http/parse-request';
import { enforceClientRateLimit } from '@/lib/resilience/client-rate-limit';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(
  '/v1/chat/completions',
  ['POST'],
  openAIErrorResponse,
);

/**
 * OpenAI-compatible chat completions backed by the RAG agent (stream and non-stream), with
 * the retrieved sources in an extra `sources` field. Errors use OpenAI's error shape.
 */
export async function POST(request: Request): Promise<Response> {
  // First, so TTFT, latency and the turn deadline count from here, as the client measures them.
  const arrival = markRequestArrival();
  try {
    await enforceClientRateLimit(request);
    const body = await parseJsonBody(request, openAIChatRequestSchema);
    return await answerChatCompletion(body, {
      signal: request.signal,
      dependencies: getTurnDependencies(),
      arrival,
    });
  } catch (error) {
    return openAIErrorResponse(error, { route: '/v1/chat/completions' });
  }
}
