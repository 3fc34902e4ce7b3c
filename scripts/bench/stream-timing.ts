import { questionTag } from './bench-questions';
import type { ServerTurn } from './server-turns';
import type { StreamMeasurement } from './stream-client';

/** What the fake upstream recorded about one chat completion request (epoch ms). */
export interface UpstreamRecord {
  path: string;
  body: unknown;
  receivedAt: number;
  closedAt?: number;
  tokensSent: number;
}

/** One streamed turn, with the pipeline's share of it separated from the upstream's. */
export interface StreamTiming {
  /** Client TTFT minus the upstream's configured first-token delay. */
  ttftOverheadMs?: number;
  /** From the client sending to the upstream receiving: validation, routing, retrieval, prompt. */
  beforeUpstreamMs?: number;
  /** From the upstream writing its first token to the client reading it. */
  relayMs?: number;
  /**
   * Client tokens/sec over upstream tokens/sec for the same stream, i.e. how long the upstream
   * took to emit tokens 2..n over how long the client took to receive them.
   */
  efficiency?: number;
  /** The server's own routing time (its metrics). */
  routingMs?: number;
  /** The server's retrieval and context building. */
  retrievalMs?: number;
  /** From the server calling the model to its first token, minus the upstream's own delay. */
  modelCallMs?: number;
  /** Client-observed overhead not inside the server's turn: HTTP, framework, relay to the client. */
  outsideTurnMs?: number;
}

/** Indexes upstream chat requests by the question tag in their prompt; a retry replaces its attempt. */
export function upstreamByTag(records: readonly UpstreamRecord[]): Map<string, UpstreamRecord> {
  const byTag = new Map<string, UpstreamRecord>();
  for (const record of records) {
    if (!record.path.startsWith('/v1/chat/completions')) continue;
    const tag = questionTag(JSON.stringify(record.body));
    if (tag) byTag.set(tag, record);
  }
  return byTag;
}

/**
 * Splits one successful stream's timings using the upstream's record of it and the server's
 * own record of the turn, when there are.
 */
export function streamTiming(
  measurement: StreamMeasurement,
  upstream: UpstreamRecord | undefined,
  firstTokenDelayMs: number,
  serverTurn?: ServerTurn,
): StreamTiming {
  if (!measurement.ok || measurement.firstTokenMs === undefined) return {};
  const timing: StreamTiming = { ttftOverheadMs: measurement.firstTokenMs - firstTokenDelayMs };
  if (serverTurn) {
    // Timings the server never measured are null: left out rather than reported as 0.
    if (serverTurn.routingMs !== null) timing.routingMs = serverTurn.routingMs;
    if (serverTurn.retrievalMs !== null) timing.retrievalMs = serverTurn.retrievalMs;
    if (serverTurn.modelFirstTokenMs !== null)
      timing.modelCallMs = serverTurn.modelFirstTokenMs - firstTokenDelayMs;
    if (serverTurn.ttftMs !== null) timing.outsideTurnMs = measurement.firstTokenMs - serverTurn.ttftMs;
  }
  if (!upstream) return timing;
  timing.beforeUpstreamMs = upstream.receivedAt - measurement.sentAtEpochMs;
  timing.relayMs =
    measurement.sentAtEpochMs + measurement.firstTokenMs - (upstream.receivedAt + firstTokenDelayMs);
  const clientStreamMs = (measurement.lastTokenMs ?? measurement.firstTokenMs) - measurement.firstTokenMs;
  if (upstream.closedAt !== undefined && upstream.tokensSent > 1 && clientStreamMs > 0) {
    const upstreamStreamMs = upstream.closedAt - upstream.receivedAt - firstTokenDelayMs;
    timing.efficiency = upstreamStreamMs / clientStreamMs;
  }
  return timing;
}
