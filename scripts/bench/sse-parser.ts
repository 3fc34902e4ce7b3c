import { createParser } from 'eventsource-parser';

/**
 * Incremental Server-Sent Events parser for the benchmark client: feed it response chunks as
 * they arrive (events may be split across chunks anywhere), get back the complete events'
 * `data` payloads. Only `data:` fields matter to both stream protocols the bench reads. As the
 * SSE specification requires, an event is complete only at its blank line: a last event the
 * stream ends without one is discarded, never returned.
 */
export interface SseParser {
  /** Adds a chunk of the response body; returns the data of every event it completed. */
  push(chunk: string): string[];
}

/** Creates a parser for one response body. */
export function createSseParser(): SseParser {
  let completed: string[] = [];
  const parser = createParser({
    onEvent: (event) => {
      completed.push(event.data);
    },
  });
  return {
    push(chunk) {
      parser.feed(chunk);
      const events = completed;
      completed = [];
      return events;
    },
  };
}
