import { answerCommonFault, answerInvalidRequest, type FakeExchange } from './fake-upstream-exchange';
import {
  DEFAULT_EMBEDDING_DIMENSIONS,
  embeddingRequestSchema,
  fakeEmbedding,
  sendJson,
  tokenize,
} from './fake-upstream-protocol';

/**
 * POST /v1/embeddings: deterministic vectors (float arrays, or base64 float32 as the official
 * client asks by default), bent by the scripted behaviour.
 */
export async function answerEmbeddings(exchange: FakeExchange): Promise<void> {
  const { response, behaviour, entry } = exchange;
  const parsed = embeddingRequestSchema.safeParse(exchange.body);
  if (!parsed.success) return answerInvalidRequest(response, parsed.error.message);
  if (answerCommonFault(exchange)) return;
  // One JSON reply cannot be partial: stall-after stalls, drop drops, malformed is garbage.
  if (behaviour.kind === 'stall-after') return;
  if (behaviour.kind === 'drop') {
    response.socket?.destroy();
    return;
  }
  if (behaviour.kind === 'malformed') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"object": "list", "data": [');
    return;
  }
  const delay = behaviour.kind === 'ok' ? (behaviour.firstTokenDelayMs ?? 0) : 0;
  if (!(await exchange.sleep(delay))) return;
  const inputs = typeof parsed.data.input === 'string' ? [parsed.data.input] : parsed.data.input;
  const dimensions = parsed.data.dimensions ?? DEFAULT_EMBEDDING_DIMENSIONS;
  const promptTokens = inputs.reduce((sum, input) => sum + tokenize(input).length, 0);
  entry.tokensSent = inputs.length;
  sendJson(response, 200, {
    object: 'list',
    data: inputs.map((input, index) => {
      const vector = fakeEmbedding(input, dimensions);
      const embedding =
        parsed.data.encoding_format === 'base64'
          ? Buffer.from(new Float32Array(vector).buffer).toString('base64')
          : vector;
      return { object: 'embedding', index, embedding };
    }),
    model: parsed.data.model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  });
}
