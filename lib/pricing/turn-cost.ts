import type { TokenUsage } from '../contracts/models';
import { logger } from '../logger';
import { countMessageTokens, countTokens } from '../prompts/token-count';
import { type ModelPrice, priceFor, priceTable } from './price-table';

export interface TurnUsage extends TokenUsage {
  /** True when counted with the tokenizer because the provider sent no usage (e.g. a stopped turn). */
  estimated: boolean;
}

const warnedModels = new Set<string>();

/** USD cost of `usage` on `model`, from the price table. Unknown models cost zero (warned once). */
export function costUsd(
  model: string,
  usage: TokenUsage,
  table: Record<string, ModelPrice> = priceTable(),
): number {
  const price = priceFor(model, table);
  if (!price.known && !warnedModels.has(model)) {
    warnedModels.add(model);
    logger.warn('model_price_unknown', { model, hint: 'add it to PRICE_TABLE to count its cost' });
  }
  return (usage.inputTokens * price.input + usage.outputTokens * price.output) / 1_000_000;
}

/**
 * The token usage of a turn: the provider's own numbers when it sent them, else a tokenizer
 * count (in `model`'s encoding) of the prompt and of whatever output was streamed. Stopped and interrupted turns
 * usually end before the provider reports usage, and they still cost money.
 */
export function turnUsage(options: {
  reported?: TokenUsage;
  promptMessages: readonly { content: string }[];
  outputText: string;
  model?: string;
}): TurnUsage {
  if (options.reported) return { ...options.reported, estimated: false };
  return {
    inputTokens: options.promptMessages.length
      ? countMessageTokens(options.promptMessages, options.model)
      : 0,
    outputTokens: countTokens(options.outputText, options.model),
    estimated: true,
  };
}
