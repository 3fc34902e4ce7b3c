import { ChatOpenAI } from '@langchain/openai';
import { logger } from '../logger';
import type { AnswerEvent, AnswerModel, AnswerRequest } from './types';

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

/**
 * An answer model backed by any OpenAI-compatible chat completions API, through LangChain's
 * ChatOpenAI. Its own retries are off (LangChain's and the openai client's): retrying is the
 * resilience layer's job alone, so attempts never multiply. It stops when `signal` aborts,
 * which closes the upstream connection.
 */
export function createOpenAIAnswerModel(options: OpenAIAnswerModelOptions): AnswerModel {
  const chat = new ChatOpenAI({
    model: options.model,
    // Local OpenAI-compatible servers (Ollama, llama.cpp) accept any key.
    apiKey: options.apiKey ?? 'not-needed',
    configuration: { baseURL: options.baseURL, logger: clientLogger, logLevel: 'warn' },
    streaming: true,
    streamUsage: true,
    maxRetries: 0,
  });
  return {
    id: options.model,
    provider: 'openai',
    async *stream(request: AnswerRequest): AsyncIterable<AnswerEvent> {
      const stream = await chat.stream(
        request.messages.map((message) => [message.role, message.content] as [string, string]),
        { signal: request.signal },
      );
      for await (const chunk of stream) {
        if (typeof chunk.content === 'string' && chunk.content) yield { type: 'text', text: chunk.content };
        if (chunk.usage_metadata) {
          yield {
            type: 'usage',
            usage: {
              inputTokens: chunk.usage_metadata.input_tokens,
              outputTokens: chunk.usage_metadata.output_tokens,
            },
          };
        }
      }
    },
  };
}
