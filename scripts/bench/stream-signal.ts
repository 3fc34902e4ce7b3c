/** What one streamed event means to the benchmark, whichever protocol carried it. */
export type StreamSignal =
  | { kind: 'text'; text: string }
  /** The turn's metrics said whether the answer came from the response cache. */
  | { kind: 'cached'; cached: boolean }
  | { kind: 'error'; message: string }
  | { kind: 'done' }
  | { kind: 'other' };

/** Reads one SSE data payload as JSON; undefined when it is not JSON. */
export function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

/** True for a plain object, so its fields can be read safely. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
