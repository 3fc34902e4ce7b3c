import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTargets, parseTargets, TargetsFileError } from './targets-file';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-targets-'));
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

const entry = {
  figure: 'cache.hit_ttft.p50',
  value: 10,
  unit: 'ms',
  direction: 'at_most',
  source: 'Issue 8 (benchmark): TTFT of a response-cache hit, p50',
};

function writeFile(name: string, content: string): string {
  const file = path.join(directory, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('loadTargets', () => {
  it('loads the benchmark’s own file, every target with a source', () => {
    const targets = loadTargets();
    expect(targets.get('pathological.server_event_loop_delay.max')).toEqual({
      unit: 'ms',
      target: {
        comparison: '<=',
        limit: 50,
        source: 'Issue 11 (hardening): worst event-loop delay during a burst of pathological requests',
      },
    });
    expect(targets.get('streaming_efficiency.v1_chat.c50.p50')?.target).toMatchObject({
      comparison: '>=',
      limit: 0.95,
    });
    expect([...targets.values()].every((value) => value.target.source.length > 0)).toBe(true);
  });

  it('loads a valid file', () => {
    const file = writeFile('valid.json', JSON.stringify({ targets: [entry] }));
    expect([...loadTargets(file)]).toEqual([
      ['cache.hit_ttft.p50', { unit: 'ms', target: { comparison: '<=', limit: 10, source: entry.source } }],
    ]);
  });

  it('names the file and every bad field of an invalid one', () => {
    const file = writeFile(
      'invalid.json',
      JSON.stringify({
        targets: [
          { ...entry, direction: 'below', source: undefined },
          { ...entry, value: '10' },
        ],
      }),
    );
    const error = (() => {
      try {
        loadTargets(file);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(TargetsFileError);
    const message = (error as Error).message;
    expect(message).toContain(`invalid targets file ${file}`);
    expect(message).toMatch(/targets\.0\.direction: Invalid enum value/);
    expect(message).toMatch(/targets\.0\.source: Required/);
    expect(message).toMatch(/targets\.1\.value: Expected number, received string/);
  });

  it('rejects unknown fields, so a misspelt one is not silently ignored', () => {
    expect(() => parseTargets(JSON.stringify({ targets: [{ ...entry, limit: 5 }] }), 'x.json')).toThrow(
      /targets\.0: Unrecognized key\(s\) in object: 'limit'/,
    );
  });

  it('rejects text that is not JSON, a figure listed twice and a missing file', () => {
    expect(() => parseTargets('{ targets: [', 'broken.json')).toThrow(
      /invalid targets file broken\.json: not JSON/,
    );
    expect(() => parseTargets(JSON.stringify({ targets: [entry, entry] }), 'twice.json')).toThrow(
      /cache\.hit_ttft\.p50 has more than one target/,
    );
    expect(() => loadTargets(path.join(directory, 'missing.json'))).toThrow(/cannot read targets file/);
  });
});
