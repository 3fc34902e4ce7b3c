import cl100kBase from 'js-tiktoken/ranks/cl100k_base';
import o200kBase from 'js-tiktoken/ranks/o200k_base';
import { processSingleton } from '../runtime/process-singleton';
import { type BytePairEncoder, createBytePairEncoder } from './byte-pair-encoder';

/** The tokenizer encodings the app counts with. */
export type TokenEncodingName = 'o200k_base' | 'cl100k_base';

/** Older OpenAI families tokenised with cl100k_base: gpt-4 (and -turbo, -32k), gpt-3.5, embeddings. */
const cl100kModels = /^(gpt-4($|-)|gpt-3\.5|gpt-35|text-embedding-)/;

/**
 * The encoding a model's prompts are tokenised with: cl100k_base for the older families,
 * o200k_base for gpt-4o, gpt-4.1, gpt-5 and the o-series, and for unknown and local models
 * (current models use it, and counts only steer budgets and estimates for those).
 * A provider prefix such as `openai/` is ignored.
 */
export function encodingForModel(model?: string): TokenEncodingName {
  const name = (model ?? '').trim().toLowerCase().split('/').pop() ?? '';
  return cl100kModels.test(name) ? 'cl100k_base' : 'o200k_base';
}

/**
 * The encoder for `model`'s encoding, built on first use and shared by every route bundle
 * (its rank maps take tens of megabytes): parsing a bundled rank file takes tens of
 * milliseconds, and it ships inside the package, so counting works offline.
 */
export function encoderForModel(model?: string): BytePairEncoder {
  const encoding = encodingForModel(model);
  return processSingleton(`prompts.token-encoder.${encoding}`, () =>
    createBytePairEncoder(encoding === 'cl100k_base' ? cl100kBase : o200kBase),
  );
}
