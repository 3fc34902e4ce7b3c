import { z } from 'zod';
import { getConfig } from '../config';
import { AppError } from '../errors';
import { logger } from '../logger';
import { redactTurn } from '../safety/redact-turn';
import { observeRetrieveRequest } from '../telemetry/prometheus';
import { retrieveJson } from './retrieval-json';
import { maxK } from './retrieve';

/**
 * `POST /api/retrieve` body. The query's upper bound here only keeps absurd bodies out of
 * the parser; the real limit is MAX_QUESTION_CHARS, the chat endpoints' question limit.
 */
export const retrieveRequestSchema = z.object({
  query: z.string().trim().min(1, 'must not be empty').max(100_000, 'is far too long'),
  collection: z.string().min(1).max(40).optional(),
  k: z.number().int().min(1).max(maxK).optional(),
});

export type RetrieveRequest = z.infer<typeof retrieveRequestSchema>;

/**
 * Searches for a validated request: the query is held to MAX_QUESTION_CHARS and to the PII
 * policy (masked, or refused with `PII_MODE=block`) before the router, its model or any log
 * sees it, exactly like a chat question.
 */
export async function retrieveResponse(
  body: RetrieveRequest,
  options: { signal: AbortSignal },
): Promise<Response> {
  const limit = getConfig().MAX_QUESTION_CHARS;
  if (body.query.length > limit) {
    throw new AppError('bad_request', {
      publicMessage: `The query is ${body.query.length} characters long; the limit is ${limit}.`,
    });
  }
  const { question } = redactTurn(body.query, []);
  const result = await retrieveJson({ ...body, query: question, signal: options.signal });
  return Response.json(result, { headers: { 'cache-control': 'no-store' } });
}

/**
 * Accounts for one retrieve request, whatever its outcome (rate limited, refused, answered):
 * a Prometheus count by HTTP status and its latency, and one log line. Returns the response.
 */
export function recordRetrieveRequest(response: Response, startedAt: number): Response {
  const latencyMs = performance.now() - startedAt;
  try {
    observeRetrieveRequest(response.status, latencyMs / 1000);
    logger.info('retrieve_recorded', { status: response.status, latencyMs: Math.round(latencyMs) });
  } catch (error) {
    logger.error('retrieve_observe_failed', { error });
  }
  return response;
}
