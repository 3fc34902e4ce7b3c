import type http from 'node:http';
import type { FakeOpenAIServer } from '@/tests/support/fake-openai-server';
import { upstreamAnswer } from './bench-plan';
import { questionTag } from './bench-questions';
import { measureStream } from './stream-client';
import { streamTiming, upstreamByTag } from './stream-timing';
import { type Summary, summarize } from './summarize';

/**
 * Streams straight from the fake upstream with the same client, one at a time: the TTFT and
 * streaming rate a perfect (zero-cost) pipeline would show, so timer and loopback effects
 * are not blamed on the app.
 */
export async function runBaselineScenario(
  upstream: FakeOpenAIServer,
  agent: http.Agent,
  settings: { firstTokenDelayMs: number; tokenDelayMs: number; answerTokens: number; requests: number },
): Promise<{ ttftMs: Summary; efficiency: Summary }> {
  const { firstTokenDelayMs, tokenDelayMs, answerTokens } = settings;
  upstream.setDefault({ kind: 'ok', text: upstreamAnswer(answerTokens), firstTokenDelayMs, tokenDelayMs });
  upstream.requests.splice(0);
  const asked = [];
  for (let index = 0; index < settings.requests; index++) {
    const question = `Baseline question (bqbasen${index})`;
    const measurement = await measureStream({
      url: `${upstream.baseURL}/chat/completions`,
      body: { model: 'bench', stream: true, messages: [{ role: 'user', content: question }] },
      protocol: 'openai',
      agent,
      timeoutMs: 10_000,
    });
    asked.push({ question, measurement });
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
  const records = upstreamByTag(upstream.requests);
  upstream.requests.splice(0);
  const timings = asked.map(({ question, measurement }) =>
    streamTiming(measurement, records.get(questionTag(question) ?? ''), firstTokenDelayMs),
  );
  return {
    ttftMs: summarize(asked.map(({ measurement }) => measurement.firstTokenMs ?? Number.NaN)),
    efficiency: summarize(timings.map((timing) => timing.efficiency ?? Number.NaN)),
  };
}
