import { getConfig } from '../config';
import { type AnswerCandidate, createResilientAnswerModel } from '../resilience/resilient-answer-model';
import { createLocalAnswerModel } from './local-answer-model';
import { createOpenAIAnswerModel } from './openai-answer-model';
import type { AnswerModel } from './types';

/** True when a real (or OpenAI-compatible) model is configured; otherwise the app runs offline. */
export function hasRemoteModel(): boolean {
  const config = getConfig();
  return Boolean(config.OPENAI_API_KEY || config.OPENAI_BASE_URL);
}

/**
 * The one place that chooses the answer model: OpenAI-compatible when configured, else the
 * embedded local generator.
 */
export function getAnswerModel(): AnswerModel {
  const config = getConfig();
  if (hasRemoteModel()) {
    // Each remote model gets its own circuit breaker; FALLBACK_MODEL shares the base URL.
    const remote = (model: string): AnswerCandidate => ({
      model: createOpenAIAnswerModel({
        model,
        apiKey: config.OPENAI_API_KEY,
        baseURL: config.OPENAI_BASE_URL,
      }),
      upstream: `chat:${model}`,
    });
    const fallback =
      config.FALLBACK_MODEL && config.FALLBACK_MODEL !== config.CHAT_MODEL
        ? [remote(config.FALLBACK_MODEL)]
        : [];
    return createResilientAnswerModel([remote(config.CHAT_MODEL), ...fallback]);
  }
  return createLocalAnswerModel();
}
