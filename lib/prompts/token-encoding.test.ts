import { describe, expect, it } from 'vitest';
import { encodingForModel } from './token-encoding';

describe('encodingForModel', () => {
  it.each([
    'gpt-4o',
    'gpt-4o-mini',
    'gpt-4o-2024-08-06',
    'chatgpt-4o-latest',
    'gpt-4.1',
    'gpt-4.1-nano',
    'gpt-5',
    'gpt-5-mini',
    'o1',
    'o3-mini',
    'o4-mini',
    'openai/gpt-4o-mini',
  ])('uses o200k_base for %s', (model) => {
    expect(encodingForModel(model)).toBe('o200k_base');
  });

  it.each([
    'gpt-4',
    'gpt-4-turbo',
    'gpt-4-0613',
    'gpt-4-32k',
    'gpt-3.5-turbo',
    'gpt-35-turbo',
    'text-embedding-3-small',
    'text-embedding-ada-002',
  ])('uses cl100k_base for %s', (model) => {
    expect(encodingForModel(model)).toBe('cl100k_base');
  });

  it.each(['llama3.1:8b', 'local', 'mistral-small', '', undefined])(
    'defaults to o200k_base for %s',
    (model) => {
      expect(encodingForModel(model)).toBe('o200k_base');
    },
  );
});
