import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, setConfig } from '../config';
import { defaultPrices, priceFor, priceTable } from './price-table';

describe('priceFor', () => {
  const table = { 'gpt-4o': { input: 2.5, output: 10 }, 'gpt-4o-mini': { input: 0.15, output: 0.6 } };

  it('finds an exact entry', () => {
    expect(priceFor('gpt-4o', table)).toEqual({ input: 2.5, output: 10, known: true });
  });

  it('prices a dated snapshot by its longest matching family', () => {
    expect(priceFor('gpt-4o-mini-2024-07-18', table)).toEqual({ input: 0.15, output: 0.6, known: true });
    expect(priceFor('gpt-4o-2024-11-20', table).input).toBe(2.5);
  });

  it('drops a provider prefix', () => {
    expect(priceFor('openai/gpt-4o-mini', table).known).toBe(true);
  });

  it('prices unknown models at zero, flagged unknown', () => {
    expect(priceFor('llama3.1:8b', table)).toEqual({ input: 0, output: 0, known: false });
    expect(priceFor('gpt-4oo', table).known).toBe(false);
  });

  it('prices the local generator and the cache at zero', () => {
    expect(priceFor('local-extractive')).toEqual({ input: 0, output: 0, known: true });
    expect(priceFor('cache')).toEqual({ input: 0, output: 0, known: true });
  });
});

describe('PRICE_TABLE', () => {
  afterEach(() => setConfig({ PRICE_TABLE: '' }));

  it('overrides and extends the defaults', () => {
    setConfig({ PRICE_TABLE: '{"gpt-4o-mini":{"input":1,"output":2},"my-model":{"input":3,"output":4}}' });
    const table = priceTable();
    expect(table['gpt-4o-mini']).toEqual({ input: 1, output: 2 });
    expect(table['my-model']).toEqual({ input: 3, output: 4 });
    expect(table['gpt-4o']).toEqual(defaultPrices['gpt-4o']);
  });

  it.each([
    'not json',
    '[]',
    '{"m":{"input":-1,"output":1}}',
    '{"m":{"input":1}}',
    '{"m":{"input":1,"output":1,"x":2}}',
  ])('rejects %s with one clear line', (value) => {
    expect(() => parseConfig({ PRICE_TABLE: value })).toThrow(ConfigError);
    expect(() => parseConfig({ PRICE_TABLE: value })).toThrow(/PRICE_TABLE=.*must be JSON like/);
  });
});
