import { ChatOpenAI } from '@langchain/openai';
import type { AnswerEvent, AnswerModel, AnswerRequest } from './types';

export interface OpenAIAnswerModelOptions {
  model: string;
  apiKey?: string;
  baseURL?: string;
}

/**
 * An answer model backed by any OpenAI-compatible chat completions API, through LangChain's
 * ChatOpenAI. Its own retries are off: retrying is the resilience layer's job alone.
 */
export function createOpenAIAnswerModel(options: OpenAIAnswerModelOptions): AnswerModel {
  const chat = new ChatOpenAI({
    model: options.model,
    // Local OpenAI-compatible servers (Ollama, llama.cpp) accept any key.
    apiKey: options.apiKey ?? 'not-needed',
    configuration: { baseURL: options.baseURL },
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
