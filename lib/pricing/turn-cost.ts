import type { TokenUsage } from '../contracts/models';
import { logger } from '../logger';
import { type ModelPrice, priceFor, priceTable } from './price-table';

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
