import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

function problemWith(environment: Record<string, string>): string {
  try {
    parseConfig(environment);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('parseConfig', () => {
  it('applies defaults for an empty environment', () => {
    const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'config-'));
    const config = parseConfig({ DATA_DIR: dataDirectory });
    expect(config.PORT).toBe(3000);
    expect(config.DATA_DIR).toBe(dataDirectory);
    expect(config.OPENAI_API_KEY).toBeUndefined();
    expect(config.RATE_LIMIT_PER_MINUTE).toBe(20);
    expect(config.PII_MODE).toBe('mask');
  });

  it('treats empty values as unset', () => {
    expect(parseConfig({ PORT: '', OPENAI_BASE_URL: '' }).OPENAI_BASE_URL).toBeUndefined();
  });

  it('names the variable and the value in one line for a bad port', () => {
    const message = problemWith({ PORT: 'abc' });
    expect(message).toBe('Invalid configuration: PORT="abc" must be a number');
    expect(problemWith({ PORT: '70000' })).toContain('PORT="70000"');
  });

  it('rejects a DATA_DIR that is not a writable directory', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'config-')), 'file');
    fs.writeFileSync(file, 'not a directory');
    expect(problemWith({ DATA_DIR: file })).toMatch(
      /^Invalid configuration: DATA_DIR=".*file" .* directory$/,
    );
  });

  it('rejects a base URL that is not a URL and an unknown enum value', () => {
    expect(problemWith({ OPENAI_BASE_URL: 'not a url' })).toContain('OPENAI_BASE_URL');
    expect(problemWith({ PII_MODE: 'shred' })).toContain('PII_MODE="shred"');
  });

  it('lists every bad variable, one per line', () => {
    const lines = problemWith({ PORT: 'abc', IDLE_TIMEOUT_MS: '-5' }).split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.map((line) => line.split('=')[0])).toEqual([
      'Invalid configuration: PORT',
      'Invalid configuration: IDLE_TIMEOUT_MS',
    ]);
  });
});
