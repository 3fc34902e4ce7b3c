import {
  AIMessage,
  AIMessageChunk,
  type BaseMessage,
  HumanMessage,
  SystemMessage,
} from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import type { AnswerEvent, AnswerModel, AnswerRequest, PromptMessage } from '../contracts/models';
import { logger } from '../logger';
import { createCheckedFetch } from './checked-fetch';
import { UpstreamBodyError } from './upstream-body-error';

export interface OpenAIAnswerModelOptions {
  model: string;
  apiKey?: string;
  baseURL?: string;
}

/**
 * The openai client's own log lines (e.g. an unparsable stream chunk) as JSON-lines warnings
 * instead of raw console output. Only warnings and errors: debug output would include prompts.
 */
export const clientLogger = {
  error: (message: string, ...details: unknown[]) => logger.warn('openai_client', { message, details }),
  warn: (message: string, ...details: unknown[]) => logger.warn('openai_client', { message, details }),
  info: () => undefined,
  debug: () => undefined,
};

function toLangChainMessage(message: PromptMessage): BaseMessage {
  if (message.role === 'system') return new SystemMessage(message.content);
  if (message.role === 'assistant') return new AIMessage(message.content);
  return new HumanMessage(message.content);
}

/**
 * An answer model backed by any OpenAI-compatible chat completions API, through LangChain's
 * ChatOpenAI. Its own retries are off (LangChain's and the openai client's): retrying is the
 * resilience layer's job alone, so attempts never multiply. It stops when `signal` aborts,
 * which closes the upstream connection.
 *
 * It streams through ChatOpenAI's chunk generator `_streamResponseChunks` (not public API)
 * rather than `chat.stream()`: the Runnable layer adds, for every token, a web-stream hop,
 * async-context bookkeeping, callback dispatch and a concatenation of the whole answer so far
 * (unconditional, for a callback end event), for tracing and callbacks this app never
 * registers. Measured with @langchain/openai 1.5.8 and @langchain/core 1.2.13 against the fake
 * upstream in its own process, client CPU per streamed token: 500-token answers 95-104 µs
 * here against 125-133 µs through `stream()`, 1000-token answers 83-88 µs against
 * 104-139 µs, 2000-token answers 45-57 µs against 95-125 µs (the concatenation grows with
 * the answer). The contract this relies on (chunks whose
 * `message` is an AIMessageChunk with string deltas, usage on the last, the call's signal
 * honoured) is pinned by a test beside this file that names this comment when it breaks.
 */
export function createOpenAIAnswerModel(options: OpenAIAnswerModelOptions): AnswerModel {
  const chat = new ChatOpenAI({
    model: options.model,
    // Local OpenAI-compatible servers (Ollama, llama.cpp) accept any key.
    apiKey: options.apiKey ?? 'not-needed',
    configuration: {
      baseURL: options.baseURL,
      logger: clientLogger,
      logLevel: 'warn',
      fetch: createCheckedFetch('event-stream'),
    },
    streaming: true,
    streamUsage: true,
    maxRetries: 0,
  });
  return {
    id: options.model,
    provider: 'openai',
    async *stream(request: AnswerRequest): AsyncIterable<AnswerEvent> {
      const { signal } = request;
      const chunks = chat._streamResponseChunks(request.messages.map(toLangChainMessage), { signal });
      let received = 0;
      try {
        for await (const { message: chunk } of chunks) {
          received++;
          if (typeof chunk.content === 'string' && chunk.content) yield { type: 'text', text: chunk.content };
          if (AIMessageChunk.isInstance(chunk) && chunk.usage_metadata) {
            yield {
              type: 'usage',
              usage: {
                inputTokens: chunk.usage_metadata.input_tokens,
                outputTokens: chunk.usage_metadata.output_tokens,
              },
            };
          }
        }
      } catch (error) {
        // The client's own abort error hides why: the signal's reason is the answer's error.
        signal.throwIfAborted();
        throw error;
      }
      // An aborted stream ends quietly; that is a failure, not a complete answer.
      signal.throwIfAborted();
      // A stream with not one valid chunk (not even the role) is a broken upstream, not an empty answer.
      if (received === 0) throw new UpstreamBodyError('event-stream', 'a stream with no chunks');
    },
  };
}
