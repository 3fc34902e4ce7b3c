import { getConfig } from '../config';
import type { HealthComponent, HealthStatus } from '../metrics/dashboard-types';
import { processSingleton } from '../metrics/process-singleton';
import { hasRemoteModel } from '../models/registry';
import { timed } from './timed';

const defaultBaseUrl = 'https://api.openai.com/v1';
// Dashboards poll health every few seconds; the provider is asked at most this often.
const cacheMs = 10_000;

const cache = processSingleton('model-health-cache', () => ({
  key: '',
  at: 0,
  result: undefined as HealthComponent | undefined,
}));

async function probe(
  baseUrl: string,
  apiKey: string | undefined,
  timeoutMs: number,
): Promise<HealthComponent> {
  const [outcome, latencyMs] = await timed(async (): Promise<{ status: HealthStatus; detail: string }> => {
    try {
      const response = await fetch(`${baseUrl.replace(/\/+$/, '')}/models`, {
        headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      if (response.status === 401 || response.status === 403) {
        return { status: 'degraded', detail: `reachable, but the API key was rejected (${response.status})` };
      }
      if (response.status >= 500) {
        return { status: 'degraded', detail: `reachable, but answering ${response.status}` };
      }
      // 404 too: some OpenAI-compatible servers have no /models, yet they answered.
      return { status: 'healthy', detail: `reachable (${response.status})` };
    } catch (error) {
      const reason = error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'unreachable';
      return { status: 'degraded', detail: `${reason}; answers fall back to the local generator` };
    }
  });
  return { name: 'model-provider', kind: 'model', latencyMs, ...outcome };
}

/**
 * Whether the configured model provider answers (GET /models, result cached for 10 s), or
 * that the embedded local generator is in use. An unreachable provider is `degraded`, not
 * down: turns fall back to the local generator.
 */
export async function checkModelProvider(timeoutMs = 3000, now = Date.now()): Promise<HealthComponent> {
  const config = getConfig();
  if (!hasRemoteModel()) {
    return {
      name: 'model-provider',
      kind: 'model',
      status: 'healthy',
      latencyMs: 0,
      detail: 'local generator (no model provider configured)',
    };
  }
  const baseUrl = config.OPENAI_BASE_URL ?? defaultBaseUrl;
  const key = `${baseUrl} ${config.CHAT_MODEL}`;
  if (cache.result && cache.key === key && now - cache.at < cacheMs) return cache.result;
  const result = await probe(baseUrl, config.OPENAI_API_KEY, timeoutMs);
  const named = { ...result, detail: `${config.CHAT_MODEL} at ${new URL(baseUrl).host}: ${result.detail}` };
  Object.assign(cache, { key, at: now, result: named });
  return named;
}

/** Forgets the cached provider check (tests). */
export function clearModelHealthCache(): void {
  Object.assign(cache, { key: '', at: 0, result: undefined });
}
