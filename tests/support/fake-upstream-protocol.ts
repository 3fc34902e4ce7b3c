/** The fake upstream's vocabulary: scriptable behaviours, request shapes and OpenAI-style replies. */
import type http from 'node:http';
import { z } from 'zod';

export const behaviourSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('ok'),
    text: z.string().optional(),
    firstTokenDelayMs: z.number().int().min(0).optional(),
    tokenDelayMs: z.number().int().min(0).optional(),
  }),
  z.object({
    kind: z.literal('rate-limit'),
    retryAfterSeconds: z.number().min(0).optional(),
    retryAfterMs: z.number().min(0).optional(),
  }),
  z.object({ kind: z.literal('error'), status: z.number().int().min(400).max(599) }),
  z.object({ kind: z.literal('stall') }),
  z.object({ kind: z.literal('stall-after'), tokens: z.number().int().min(0) }),
  z.object({ kind: z.literal('drop'), afterTokens: z.number().int().min(0) }),
  z.object({ kind: z.literal('malformed'), afterTokens: z.number().int().min(0).optional() }),
  z.object({ kind: z.literal('html') }),
  z.object({ kind: z.literal('json-instead-of-stream') }),
  z.object({ kind: z.literal('empty-stream') }),
]);

/**
 * What the fake upstream does with one request. `stall` never answers (not even headers);
 * `stall-after` streams some tokens then goes silent; `drop` destroys the socket mid-stream;
 * `malformed` sends a chunk that is not JSON; `html` answers 200 text/html (a proxy's error
 * page); `json-instead-of-stream` answers a whole chat.completion where a stream was asked for;
 * `empty-stream` opens an event stream that ends without a single chunk.
 */
export type FakeBehaviour = z.infer<typeof behaviourSchema>;

export type FakeEndpoint = 'chat' | 'embeddings';

/** Splits text into the fake's tokens: a word with its trailing whitespace, so counts are predictable. */
export function tokenize(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? [];
}

/**
 * The answer the fake gives when a behaviour has no `text`: deterministic, cites [1] and repeats
 * the content words of the last user message.
 */
export function defaultAnswer(lastUserMessage: string): string {
  const words = lastUserMessage
    .toLowerCase()
    .split(/[^\p{L}\p{N}_]+/u)
    .filter((word) => word.length >= 3);
  const topic = [...new Set(words)].slice(0, 8).join(' ') || 'your question';
  return `According to the documentation [1], here is what it says about ${topic}. See [1] for details.`;
}

/** A deterministic unit vector for `text`: hashed bag of words, so similar texts get similar vectors. */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}_]+/u)
    .filter(Boolean);
  for (const word of words.length ? words : ['']) {
    let hash = 2166136261;
    for (const character of word) {
      hash ^= character.codePointAt(0) ?? 0;
      hash = Math.imul(hash, 16777619) >>> 0;
    }
    vector[hash % dimensions] += 1;
    vector[(hash >>> 8) % dimensions] += 0.5;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}

export const chatRequestSchema = z.object({
  model: z.string().min(1),
  messages: z.array(z.object({ role: z.string(), content: z.unknown() })).min(1),
  stream: z.boolean().optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
});

export const embeddingRequestSchema = z.object({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(z.string())]),
  dimensions: z.number().int().min(1).max(4096).optional(),
  encoding_format: z.enum(['float', 'base64']).optional(),
});

export const controlScriptSchema = z.object({
  behaviours: z.array(behaviourSchema),
  endpoint: z.enum(['chat', 'embeddings']).optional(),
});
export const controlDefaultSchema = z.object({
  behaviour: behaviourSchema,
  endpoint: z.enum(['chat', 'embeddings']).optional(),
});

export const DEFAULT_EMBEDDING_DIMENSIONS = 1536;
const MAX_BODY_BYTES = 20 * 1024 * 1024;

/** The text of a chat message's content, whether a string or an array of parts. */
export function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (part && typeof part === 'object' && 'text' in part ? String(part.text) : ''))
      .join(' ');
  }
  return '';
}

/** A proxy's error page, as some gateways send it: status 200, HTML. */
export function sendHtmlErrorPage(response: http.ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  response.end(
    '<!doctype html><html><body><h1>502 Bad Gateway</h1><p>upstream unavailable</p></body></html>',
  );
}

/** Writes a JSON response. */
export function sendJson(response: http.ServerResponse, status: number, body: unknown, headers = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

/** An error body shaped like OpenAI's. */
export function openAIError(status: number): {
  error: { message: string; type: string; code: string | null };
} {
  const type = status >= 500 ? 'server_error' : 'invalid_request_error';
  return { error: { message: `Fake upstream error ${status}`, type, code: null } };
}

/** Reads a request body as text, refusing bodies over 20 MB. */
export function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
