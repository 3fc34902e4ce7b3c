import { ChatOpenAI } from '@langchain/openai';
import type { JsonModel } from '../contracts/models';
import { createCheckedFetch } from './checked-fetch';
import { clientLogger, type OpenAIAnswerModelOptions } from './openai-answer-model';

/** The reply's text, whether the provider sent a string or text parts. */
function replyText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) =>
      part && typeof part === 'object' && 'text' in part && typeof part.text === 'string' ? part.text : '',
    )
    .join('');
}

/**
 * A JSON-mode model on any OpenAI-compatible chat completions API, through LangChain's
 * ChatOpenAI: one non-streamed call with `response_format: json_object`, no retries of its own
 * (the resilience layer decides), and the request closes when `signal` aborts.
 */
export function createOpenAIJsonModel(options: OpenAIAnswerModelOptions): JsonModel {
  const chat = new ChatOpenAI({
    model: options.model,
    apiKey: options.apiKey ?? 'not-needed',
    configuration: {
      baseURL: options.baseURL,
      logger: clientLogger,
      logLevel: 'warn',
      fetch: createCheckedFetch('json'),
    },
    maxRetries: 0,
  });
  return {
    id: options.model,
    async complete({ messages, signal, timeoutMs }) {
      const reply = await chat.invoke(
        messages.map((message) => [message.role, message.content] as [string, string]),
        { signal, timeout: timeoutMs, response_format: { type: 'json_object' } },
      );
      return replyText(reply.content);
    },
  };
}
