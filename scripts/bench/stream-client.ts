import http from 'node:http';
import { openAIStreamSignal } from './openai-stream-signal';
import { createSseParser } from './sse-parser';
import type { StreamSignal } from './stream-signal';
import { uiMessageStreamSignal } from './ui-message-stream-signal';

/** The two streaming protocols the app serves. */
export type StreamProtocol = 'ui-message-stream' | 'openai';

const interpreters: Record<StreamProtocol, (data: string) => StreamSignal> = {
  'ui-message-stream': uiMessageStreamSignal,
  openai: openAIStreamSignal,
};

/** What the client saw of one streamed answer; times are ms after the request was sent. */
export interface StreamMeasurement {
  ok: boolean;
  /** HTTP status, 0 when no response arrived. */
  status: number;
  error?: string;
  /** Wall-clock send time (epoch ms, sub-ms precision), to line up with the upstream's records. */
  sentAtEpochMs: number;
  headersMs?: number;
  firstTokenMs?: number;
  lastTokenMs?: number;
  totalMs: number;
  text: string;
  /** From the turn's metrics part, when the protocol carries it. */
  cached?: boolean;
}

export interface StreamRequest {
  url: string;
  body: unknown;
  protocol: StreamProtocol;
  /** Keep-alive agent shared by a scenario's requests, as a browser or SDK client would. */
  agent: http.Agent;
  /** Bounds every request, so a stuck server cannot hang the benchmark. */
  timeoutMs: number;
}

/**
 * POSTs `body` and reads the SSE answer, timing headers, first and last answer token with
 * `performance.now()`. Uses node:http rather than fetch to keep the client's own overhead
 * out of the measured figures. Never rejects: failures come back as `ok: false`.
 */
export function measureStream(request: StreamRequest): Promise<StreamMeasurement> {
  const interpret = interpreters[request.protocol];
  const payload = JSON.stringify(request.body);
  const sentAtEpochMs = performance.timeOrigin + performance.now();
  const start = performance.now();
  const elapsed = () => performance.now() - start;
  const measurement: StreamMeasurement = { ok: false, status: 0, sentAtEpochMs, totalMs: 0, text: '' };

  return new Promise((resolve) => {
    let settled = false;
    const settle = (error?: string) => {
      if (settled) return;
      settled = true;
      measurement.totalMs = elapsed();
      measurement.error ??= error;
      measurement.ok = !measurement.error;
      resolve(measurement);
    };

    const outgoing = http.request(request.url, {
      method: 'POST',
      agent: request.agent,
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        'content-length': Buffer.byteLength(payload),
      },
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    outgoing.on('error', (error) => settle(error.message));
    outgoing.on('response', (response) => {
      measurement.status = response.statusCode ?? 0;
      measurement.headersMs = elapsed();
      response.setEncoding('utf8');
      if (measurement.status !== 200) {
        let errorBody = '';
        response.on('data', (chunk: string) => {
          errorBody += chunk;
        });
        response.on('end', () => settle(`HTTP ${measurement.status}: ${errorBody.slice(0, 300)}`));
        response.on('error', (error) => settle(error.message));
        return;
      }
      const parser = createSseParser();
      let done = false;
      const handle = (events: string[]) => {
        for (const data of events) {
          const signal = interpret(data);
          if (signal.kind === 'text') {
            const now = elapsed();
            measurement.firstTokenMs ??= now;
            measurement.lastTokenMs = now;
            measurement.text += signal.text;
          } else if (signal.kind === 'cached') measurement.cached = signal.cached;
          else if (signal.kind === 'error') measurement.error ??= signal.message;
          else if (signal.kind === 'done') done = true;
        }
      };
      response.on('data', (chunk: string) => handle(parser.push(chunk)));
      response.on('end', () => {
        if (!done) measurement.error ??= 'stream ended without its end marker';
        else if (measurement.firstTokenMs === undefined)
          measurement.error ??= 'stream carried no answer text';
        settle();
      });
      response.on('error', (error) => settle(error.message));
    });
    outgoing.end(payload);
  });
}
