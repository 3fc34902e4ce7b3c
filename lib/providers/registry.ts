import { getConfig } from '../config';
import type { EmbedderProvider } from '../contracts/embedder';
import type { AnswerModel, JsonModel } from '../contracts/models';
import { createLocalEmbedderProvider } from '../embeddings/local-lsa-embedder';
import { createOpenAIEmbedderProvider } from '../embeddings/openai-embedder';
import { createLocalAnswerModel } from '../models/local-answer-model';
import { createOpenAIAnswerModel } from '../models/openai-answer-model';
import { createOpenAIJsonModel } from '../models/openai-json-model';
import { type AnswerCandidate, createResilientAnswerModel } from '../resilience/resilient-answer-model';
import { withEmbedderProviderResilience } from '../resilience/resilient-embedder';
import { withJsonModelResilience } from '../resilience/resilient-json-model';

/** True when a real (or OpenAI-compatible) model is configured; otherwise the app runs offline. */
export function hasRemoteModel(): boolean {
  const config = getConfig();
  return Boolean(config.OPENAI_API_KEY || config.OPENAI_BASE_URL);
}

/**
 * The one place that chooses the answer model: OpenAI-compatible when configured (wrapped in the
 * resilience chain: primary, FALLBACK_MODEL, then the local generator), else the embedded local
 * generator. `primaryModel` replaces CHAT_MODEL for one turn (the budget's cheaper choice).
 */
export function getAnswerModel(primaryModel?: string): AnswerModel {
  const config = getConfig();
  const primary = primaryModel ?? config.CHAT_MODEL;
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
      config.FALLBACK_MODEL && config.FALLBACK_MODEL !== primary ? [remote(config.FALLBACK_MODEL)] : [];
    // The embedded generator is the last resort: it needs no network, so it always answers.
    return createResilientAnswerModel([remote(primary), ...fallback, { model: createLocalAnswerModel() }]);
  }
  return createLocalAnswerModel();
}

/**
 * The one place that chooses the router's model: CHAT_MODEL in JSON mode when ROUTER=llm and a
 * remote model is configured, else undefined (the local router decides). Its breaker is its
 * own (`router:<model>`): the router's short deadline must not open the answer model's circuit.
 */
export function getRouterModel(): JsonModel | undefined {
  const config = getConfig();
  if (config.ROUTER !== 'llm' || !hasRemoteModel()) return undefined;
  const model = createOpenAIJsonModel({
    model: config.CHAT_MODEL,
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
  });
  return withJsonModelResilience(model, `router:${config.CHAT_MODEL}`);
}

/**
 * The one place that chooses the embedder: the local LSA embedder by default; OpenAI-compatible
 * embeddings when EMBEDDINGS=openai, or EMBEDDINGS=auto with an API key or base URL configured.
 */
export function getEmbedderProvider(): EmbedderProvider {
  const config = getConfig();
  const remote = config.EMBEDDINGS === 'openai' || (config.EMBEDDINGS === 'auto' && hasRemoteModel());
  if (!remote) return createLocalEmbedderProvider();
  // Retries, its own circuit breaker, the upstream limiter and bulkhead, and call deadlines.
  return withEmbedderProviderResilience(
    createOpenAIEmbedderProvider({
      model: config.EMBEDDING_MODEL,
      apiKey: config.OPENAI_API_KEY,
      baseURL: config.OPENAI_BASE_URL,
    }),
  );
}
