import type { BenchContext } from './bench-context';
import { runPool } from './concurrency-pool';
import { benchAdminToken } from './server-environment';
import { type Summary, summarize } from './summarize';
import type { Figure } from './targets';

/** prom-client samples the event loop at this precision; each recorded delay includes one interval. */
const eventLoopPrecisionMs = 10;

/** How often the liveness probe asks during the burst. */
const probeIntervalMs = 20;

/** What a burst of hostile requests did to the server. */
export interface PathologicalResult {
  requests: number;
  /** Status codes seen, e.g. { 200: 12, 400: 8 }: refusals are expected, 5xx and timeouts are not. */
  statuses: Record<string, number>;
  /** The worst event-loop delay inside the server during the burst (prom-client's max), in ms. */
  serverEventLoopDelayMaxMs: number | null;
  /** `/api/health/live` latency seen by a client polling it throughout the burst. */
  livenessMs: Summary;
}

/** Inputs that were quadratic somewhere on the request path: long unbroken runs of every kind. */
function pathologicalTexts(): { name: string; question: string; history?: string }[] {
  return [
    { name: 'cjk run', question: '文件'.repeat(1_995) },
    { name: 'emoji run', question: '😀'.repeat(1_990) },
    { name: 'combining marks', question: `a${'\u0301'.repeat(3_990)}` },
    { name: 'whitespace run', question: `password=${' '.repeat(3_980)}` },
    { name: 'document tags', question: '</document>'.repeat(360) },
    {
      name: 'secret label history',
      question: 'What is a module?',
      history: `password=${' '.repeat(50_000)}`,
    },
    { name: 'long history', question: 'And then?', history: 'word '.repeat(6_000) },
  ];
}

function uiBody(question: string, history?: string): unknown {
  const message = (id: string, role: string, text: string) => ({ id, role, parts: [{ type: 'text', text }] });
  return {
    messages: [
      ...(history ? [message('h1', 'user', history), message('h2', 'assistant', 'Noted.')] : []),
      message('q', 'user', question),
    ],
  };
}

function openAIBody(question: string, history?: string): unknown {
  return {
    model: 'docs-chat',
    stream: true,
    messages: [
      ...(history
        ? [
            { role: 'user', content: history },
            { role: 'assistant', content: 'Noted.' },
          ]
        : []),
      { role: 'user', content: question },
    ],
  };
}

async function scrapeEventLoopMaxMs(context: BenchContext): Promise<number | null> {
  const response = await fetch(`${context.serverUrl}/api/metrics`, {
    headers: { authorization: `Bearer ${benchAdminToken}` },
    signal: AbortSignal.timeout(context.plan.requestTimeoutMs),
  });
  const text = await response.text();
  const line = text
    .split('\n')
    .find((entry) => entry.startsWith('docs_chat_nodejs_eventloop_lag_max_seconds'));
  const seconds = line ? Number(line.split(' ').at(-1)) : Number.NaN;
  return Number.isFinite(seconds) ? Math.max(0, seconds * 1000 - eventLoopPrecisionMs) : null;
}

/** Sends one request and reads its whole answer; the status, or why there was none. */
async function send(context: BenchContext, path: string, body?: unknown): Promise<string> {
  try {
    const response = await fetch(`${context.serverUrl}${path}`, {
      ...(body === undefined
        ? {}
        : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(context.plan.requestTimeoutMs),
    });
    await response.text();
    return String(response.status);
  } catch (error) {
    return error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'network error';
  }
}

/**
 * Sends every pathological input to both chat endpoints, a few at a time, while a client polls
 * `/api/health/live`. The server's own event-loop delay histogram is read before (which resets
 * it) and after the burst, so the figure is the longest the server's loop was blocked by them.
 */
export async function runPathologicalScenario(
  context: BenchContext,
  rounds: number,
): Promise<PathologicalResult> {
  context.upstream.setDefault({ kind: 'ok', firstTokenDelayMs: 0, tokenDelayMs: 0 });
  await scrapeEventLoopMaxMs(context);
  const requests = Array.from({ length: rounds }, () => pathologicalTexts())
    .flat()
    .flatMap(({ question, history }) => [
      { path: '/api/chat', body: uiBody(question, history) },
      { path: '/v1/chat/completions', body: openAIBody(question, history) },
    ]);
  let probing = true;
  const liveness: number[] = [];
  const probe = (async () => {
    while (probing) {
      const started = performance.now();
      await send(context, '/api/health/live');
      liveness.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, probeIntervalMs));
    }
  })();
  const statuses: Record<string, number> = {};
  await runPool(requests.length, 4, async (index) => {
    const status = await send(context, requests[index].path, requests[index].body);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  probing = false;
  await probe;
  return {
    requests: requests.length,
    statuses,
    serverEventLoopDelayMaxMs: await scrapeEventLoopMaxMs(context),
    livenessMs: summarize(liveness),
  };
}

/** The report's figures for the burst; the event-loop delay is the one with a target. */
export function pathologicalFigures(result: PathologicalResult): Figure[] {
  const failures = Object.entries(result.statuses)
    .filter(([status]) => !/^[24]\d\d$/.test(status))
    .reduce((sum, [, count]) => sum + count, 0);
  return [
    {
      key: 'pathological.server_event_loop_delay.max',
      label: `worst server event-loop delay during ${result.requests} pathological requests`,
      value: result.serverEventLoopDelayMaxMs,
      unit: 'ms',
    },
    {
      key: 'pathological.liveness.p99',
      label: '/api/health/live latency p99 meanwhile',
      value: result.livenessMs.p99,
      unit: 'ms',
    },
    {
      key: 'pathological.failures',
      label: 'answers that were neither 2xx nor 4xx',
      value: failures,
      unit: '',
    },
  ];
}
