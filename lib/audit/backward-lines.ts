import fs from 'node:fs';

/** A line of a file read from its end: its text (undefined when too long to keep) and start offset. */
export interface FileLine {
  text: string | undefined;
  offset: number;
}

/** Bytes read per step: memory per read stays at about this plus one line. */
export const blockBytes = 64 * 1024;
/** A longer line is not kept (it is reported with `text: undefined`), so a read's memory stays bounded. */
export const maxLineBytes = 256 * 1024;

/**
 * Splits blocks of a file, fed from its end backwards, into lines, newest first. The first
 * line out is whatever follows the region's last newline (empty when it ends with one).
 */
export class BackwardLineSplitter {
  private carry: Buffer = Buffer.alloc(0);
  private oversized = false;

  /** The complete lines of `block` (which starts at file offset `start`) and what was carried from later blocks. */
  push(block: Buffer, start: number): FileLine[] {
    const data = this.carry.length > 0 ? Buffer.concat([block, this.carry]) : block;
    const lines: FileLine[] = [];
    let end = data.length;
    let newline = end > 0 ? data.lastIndexOf(0x0a, end - 1) : -1;
    while (newline !== -1) {
      lines.push(this.line(data.subarray(newline + 1, end), start + newline + 1));
      end = newline;
      newline = end > 0 ? data.lastIndexOf(0x0a, end - 1) : -1;
    }
    this.carry = data.subarray(0, end);
    if (this.carry.length > maxLineBytes) {
      this.oversized = true;
      this.carry = Buffer.alloc(0);
    }
    return lines;
  }

  /** The region's first line, once the block at its start has been pushed. */
  finish(start: number): FileLine[] {
    if (this.carry.length === 0 && !this.oversized) return [];
    return [this.line(this.carry, start)];
  }

  private line(bytes: Buffer, offset: number): FileLine {
    if (this.oversized) {
      this.oversized = false;
      return { text: undefined, offset };
    }
    return { text: bytes.toString('utf8'), offset };
  }
}

/**
 * The lines of `file` between byte `begin` and byte `end` (default: its size), newest first,
 * read in blocks of {@link blockBytes}: never the whole file at once.
 */
export async function* readLinesBackward(
  file: string,
  options: { begin?: number; end?: number; signal?: AbortSignal } = {},
): AsyncGenerator<FileLine> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const begin = options.begin ?? 0;
    const splitter = new BackwardLineSplitter();
    let position = Math.min(options.end ?? Number.POSITIVE_INFINITY, (await handle.stat()).size);
    while (position > begin) {
      options.signal?.throwIfAborted();
      const start = Math.max(begin, position - blockBytes);
      const block = Buffer.alloc(position - start);
      const { bytesRead } = await handle.read(block, 0, block.length, start);
      yield* splitter.push(block.subarray(0, bytesRead), start);
      position = start;
    }
    yield* splitter.finish(begin);
  } finally {
    await handle.close();
  }
}

/** {@link readLinesBackward} for synchronous callers (scripts and tests). */
export function* readLinesBackwardSync(file: string): Generator<FileLine> {
  const descriptor = fs.openSync(file, 'r');
  try {
    const splitter = new BackwardLineSplitter();
    let position = fs.fstatSync(descriptor).size;
    while (position > 0) {
      const start = Math.max(0, position - blockBytes);
      const block = Buffer.alloc(position - start);
      const bytesRead = fs.readSync(descriptor, block, 0, block.length, start);
      yield* splitter.push(block.subarray(0, bytesRead), start);
      position = start;
    }
    yield* splitter.finish(0);
  } finally {
    fs.closeSync(descriptor);
  }
}
