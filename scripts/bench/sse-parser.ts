/**
 * Incremental Server-Sent Events parser for the benchmark client: feed it response chunks as
 * they arrive (events may be split across chunks anywhere), get back the complete events'
 * `data` payloads. Only `data:` fields matter to both stream protocols the bench reads.
 */
export interface SseParser {
  /** Adds a chunk of the response body; returns the data of every event it completed. */
  push(chunk: string): string[];
  /** Ends the stream; returns the data of a last event that had no blank line after it. */
  flush(): string[];
}

/** Creates a parser for one response body. */
export function createSseParser(): SseParser {
  let buffer = '';
  let dataLines: string[] = [];

  const takeEvent = (events: string[]) => {
    if (dataLines.length > 0) events.push(dataLines.join('\n'));
    dataLines = [];
  };

  const readLine = (line: string, events: string[]) => {
    if (line === '') return takeEvent(events);
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    if (field !== 'data') return;
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    dataLines.push(value);
  };

  return {
    push(chunk) {
      buffer += chunk;
      const events: string[] = [];
      let lineEnd = buffer.search(/\r\n|\r|\n/);
      while (lineEnd !== -1) {
        // A lone \r at the very end may be the first half of \r\n: wait for the next chunk.
        if (buffer[lineEnd] === '\r' && lineEnd === buffer.length - 1) break;
        const separatorLength = buffer.startsWith('\r\n', lineEnd) ? 2 : 1;
        readLine(buffer.slice(0, lineEnd), events);
        buffer = buffer.slice(lineEnd + separatorLength);
        lineEnd = buffer.search(/\r\n|\r|\n/);
      }
      return events;
    },
    flush() {
      const events: string[] = [];
      if (buffer !== '') readLine(buffer.replace(/\r$/, ''), events);
      buffer = '';
      takeEvent(events);
      return events;
    },
  };
}
