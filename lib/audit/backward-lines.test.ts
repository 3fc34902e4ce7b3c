import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  blockBytes,
  type FileLine,
  maxLineBytes,
  readLinesBackward,
  readLinesBackwardSync,
} from './backward-lines';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'backward-lines-'));
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

function file(text: string): string {
  const location = path.join(directory, `file-${Math.random().toString(36).slice(2)}.txt`);
  fs.writeFileSync(location, text);
  return location;
}

async function collect(
  location: string,
  options: { begin?: number; end?: number } = {},
): Promise<FileLine[]> {
  const lines: FileLine[] = [];
  for await (const line of readLinesBackward(location, options)) lines.push(line);
  return lines;
}

describe('readLinesBackward', () => {
  it('yields lines newest first with their byte offsets, the tail after the last newline first', async () => {
    const location = file('one\ntwo\nthree\n');
    expect(await collect(location)).toEqual([
      { text: '', offset: 14 },
      { text: 'three', offset: 8 },
      { text: 'two', offset: 4 },
      { text: 'one', offset: 0 },
    ]);
    expect([...readLinesBackwardSync(location)]).toEqual(await collect(location));
  });

  it('joins lines across block boundaries and keeps multi-byte characters whole', async () => {
    const lines = Array.from({ length: 3000 }, (_, index) => `${index} 文件 ${'é'.repeat(index % 50)}`);
    const location = file(`${lines.join('\n')}\n`);
    expect(fs.statSync(location).size).toBeGreaterThan(blockBytes * 2);
    const texts = (await collect(location)).map((line) => line.text).filter((text) => text !== '');
    expect(texts).toEqual([...lines].reverse());
  });

  it('reads only between begin and end', async () => {
    const location = file('one\ntwo\nthree\n');
    expect(await collect(location, { end: 8 })).toEqual([
      { text: '', offset: 8 },
      { text: 'two', offset: 4 },
      { text: 'one', offset: 0 },
    ]);
    expect(await collect(location, { begin: 4, end: 8 })).toEqual([
      { text: '', offset: 8 },
      { text: 'two', offset: 4 },
    ]);
  });

  it('reports a line too long to keep without its text, and goes on', async () => {
    const location = file(`short\n${'x'.repeat(maxLineBytes + blockBytes * 2)}\nlast\n`);
    const lines = await collect(location);
    expect(lines.map((line) => line.text)).toEqual(['', 'last', undefined, 'short']);
    expect(lines[2].offset).toBe(6);
  });
});
