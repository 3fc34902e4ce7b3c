import { getConfig } from '../config';

/** USD per 1M tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

export interface ResolvedPrice extends ModelPrice {
  /** False when the model is in no table: its cost counts as zero and a warning is logged once. */
  known: boolean;
}

/**
 * List prices (USD per 1M tokens) of common OpenAI models. `PRICE_TABLE` overrides or extends
 * them; local and cached answers cost nothing.
 */
export const defaultPrices: Readonly<Record<string, ModelPrice>> = {
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5': { input: 1.25, output: 10 },
  'o4-mini': { input: 1.1, output: 4.4 },
  'o3-mini': { input: 1.1, output: 4.4 },
  o3: { input: 2, output: 8 },
  'gpt-4-turbo': { input: 10, output: 30 },
  'gpt-3.5-turbo': { input: 0.5, output: 1.5 },
  'text-embedding-3-small': { input: 0.02, output: 0 },
  'text-embedding-3-large': { input: 0.13, output: 0 },
  'local-extractive': { input: 0, output: 0 },
  cache: { input: 0, output: 0 },
};

/** Defaults merged with `PRICE_TABLE` (which wins). */
export function priceTable(): Record<string, ModelPrice> {
  return { ...defaultPrices, ...getConfig().PRICE_TABLE };
}

/**
 * The price of `model`: an exact entry, else the longest entry the id starts with (so a dated
 * snapshot such as `gpt-4o-mini-2024-07-18` gets its family's price), after dropping a
 * `provider/` prefix. Unknown models cost zero, flagged `known: false`.
 */
export function priceFor(model: string, table: Record<string, ModelPrice> = priceTable()): ResolvedPrice {
  const candidates = [model, model.slice(model.lastIndexOf('/') + 1)];
  for (const candidate of candidates) {
    const exact = table[candidate];
    if (exact) return { ...exact, known: true };
  }
  const bare = candidates[1];
  const family = Object.keys(table)
    .filter((name) => bare.startsWith(`${name}-`))
    .sort((first, second) => second.length - first.length)[0];
  if (family) return { ...table[family], known: true };
  return { input: 0, output: 0, known: false };
}
