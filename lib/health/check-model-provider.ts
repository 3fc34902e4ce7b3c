import { getConfig } from '../config';
import type { HealthComponent, HealthStatus } from '../contracts/dashboard';
import { hasRemoteModel } from '../providers/registry';
import { getBreakerStates } from '../resilience/circuit-breakers';
import { processSingleton } from '../runtime/process-singleton';
import { timed } from './timed';

const defaultBaseUrl = 'https://api.openai.com/v1';

interface ProbeCache {
  key: string;
  at: number;
  result: HealthComponent | undefined;
  /** The probe being made right now: concurrent health checks share it instead of adding one each. */
  inFlight: { key: string; promise: Promise<HealthComponent> } | undefined;
}

const cache = processSingleton<ProbeCache>('model-health-cache', () => ({
  key: '',
  at: 0,
  result: undefined,
  inFlight: undefined,
}));

function isJson(response: Response): boolean {
  return /^application\/([\w.+-]+\+)?json\b/i.test(response.headers.get('content-type') ?? '');
}

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
      // A proxy's error page comes back as 200 text/html: something answers, but not the API.
      if (response.ok && !isJson(response)) {
        const type = response.headers.get('content-type')?.split(';')[0] || 'no content type';
        return { status: 'degraded', detail: `reachable, but answering ${type} instead of the API's JSON` };
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
 * The probe's verdict, overruled by the answer model's circuit breaker: a provider that lists
 * its models but fails every answer (an error page where a stream belongs) is not healthy.
 */
function withBreaker(result: HealthComponent, chatModel: string): HealthComponent {
  const state = getBreakerStates()[`chat:${chatModel}`];
  if (!state || state === 'closed' || result.status !== 'healthy') return result;
  return {
    ...result,
    status: 'degraded',
    detail: `${result.detail}; answers are failing (circuit ${state}), turns use the fallback`,
  };
}

/**
 * Whether the configured model provider answers (GET /models), or that the embedded local
 * generator is in use. One probe at a time: concurrent callers share the one in flight, and
 * its result is reused for HEALTH_PROBE_CACHE_MS. An unreachable provider, or one whose
 * answers keep failing (its breaker is not closed), is `degraded`, not down: turns fall back
 * to the local generator.
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
  if (cache.result && cache.key === key && now - cache.at < config.HEALTH_PROBE_CACHE_MS) {
    return withBreaker(cache.result, config.CHAT_MODEL);
  }
  let inFlight = cache.inFlight;
  if (inFlight?.key !== key) {
    const promise = probe(baseUrl, config.OPENAI_API_KEY, timeoutMs)
      .then((result) => {
        const named = {
          ...result,
          detail: `${config.CHAT_MODEL} at ${new URL(baseUrl).host}: ${result.detail}`,
        };
        Object.assign(cache, { key, at: now, result: named });
        return named;
      })
      .finally(() => {
        if (cache.inFlight?.promise === promise) cache.inFlight = undefined;
      });
    inFlight = { key, promise };
    cache.inFlight = inFlight;
  }
  return withBreaker(await inFlight.promise, config.CHAT_MODEL);
}

/** Forgets the cached provider check (tests). */
export function clearModelHealthCache(): void {
  Object.assign(cache, { key: '', at: 0, result: undefined, inFlight: undefined });
}
