import { getConfig } from '../config';
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
    return createOpenAIAnswerModel({
      model: config.CHAT_MODEL,
      apiKey: config.OPENAI_API_KEY,
      baseURL: config.OPENAI_BASE_URL,
    });
  }
  throw new Error('local generator not wired yet');
}
