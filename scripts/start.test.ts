import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const tsx = path.resolve('node_modules/.bin/tsx');

function start(environment: Record<string, string>) {
  return spawnSync(tsx, ['scripts/start.ts'], {
    env: { ...process.env, ...environment },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('npm start with bad configuration', () => {
  it('stops with one clear line naming PORT, not a stack trace', () => {
    const result = start({ PORT: 'abc' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('Invalid configuration: PORT="abc" must be a number');
  });

  it('stops with one clear line naming an unusable DATA_DIR', () => {
    const result = start({ DATA_DIR: '/etc/passwd' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'Invalid configuration: DATA_DIR="/etc/passwd" /etc/passwd is not a readable, writable directory',
    ]);
  });
});
