import { LRUCache } from 'lru-cache';
import { processSingleton } from '../runtime/process-singleton';
import { indexAttribute, type PassageSource, passageClosingTag, sourceAttributes } from './passage-format';
import { escapePromptText } from './prompt-escaping';
import { countTokens, encodeTokens, truncateEncoded } from './token-count';
import { encodingForModel } from './token-encoding';

/** What is remembered about one passage text's tokens. */
export interface TextTokens {
  /** Tokens of the escaped text followed by the closing tag. */
  body: number;
  /** Tokens of the escaped text alone; counted only when a passage has to be cut. */
  escaped?: number;
  /** The text's tokens, kept only for texts that had to be cut (the cut is made on them). */
  encoded?: Uint32Array;
  /** The last few cuts of the text by token limit: the cut text and its body tokens. */
  cuts?: Map<number, { text: string; body: number }>;
}

/** Cuts remembered per text: the same question meets the same budget left over. */
const maxCutsPerText = 4;

/**
 * Token counts per passage text in `model`'s encoding, for the whole process (every route
 * bundle). Keyed by the text itself, so a re-ingest needs no invalidation, and the key is the
 * loaded index's own string (no extra memory while its collection is loaded); bounded in
 * characters for texts of replaced indexes. Retrieved chunks repeat across turns, so each is
 * encoded about once.
 */
const tokensByText = (model: string | undefined) =>
  processSingleton(
    `prompts.passage-tokens.${encodingForModel(model)}`,
    () =>
      new LRUCache<string, TextTokens>({
        max: 60_000,
        maxSize: 24_000_000,
        // In characters: a kept token takes about as much memory as two of them.
        sizeCalculation: (tokens, text) =>
          Math.max(1, text.length * (1 + (tokens.cuts?.size ?? 0)) + 2 * (tokens.encoded?.length ?? 0)),
      }),
  );

/** Token counts of opening tags' source attributes (paths and titles are slow to encode). */
const tokensByAttributes = (model: string | undefined) =>
  processSingleton(
    `prompts.passage-attribute-tokens.${encodingForModel(model)}`,
    () =>
      new LRUCache<string, number>({
        max: 60_000,
        maxSize: 12_000_000,
        sizeCalculation: (_tokens, attributes) => Math.max(1, attributes.length),
      }),
  );

/** Tokens of `<document index="n"` by encoding and index. */
const tokensByIndex = new Map<string, number>();

/** Whether `text`'s tokens in `model`'s encoding are already remembered. */
export function hasTextTokens(text: string, model: string | undefined): boolean {
  return tokensByText(model).has(text);
}

/** Tokens of a passage's opening tag, from its two cached parts. */
export function headerTokens(index: number, chunk: PassageSource, model: string | undefined): number {
  const indexKey = `${encodingForModel(model)} ${index}`;
  let indexTokens = tokensByIndex.get(indexKey);
  if (indexTokens === undefined) {
    indexTokens = countTokens(indexAttribute(index), model);
    tokensByIndex.set(indexKey, indexTokens);
  }
  const attributes = sourceAttributes(chunk);
  const cache = tokensByAttributes(model);
  let attributeTokens = cache.get(attributes);
  if (attributeTokens === undefined) {
    attributeTokens = countTokens(attributes, model);
    cache.set(attributes, attributeTokens);
  }
  return indexTokens + attributeTokens;
}

/** The remembered tokens of a passage text, counting its body on first use. */
export function textTokens(text: string, model: string | undefined): TextTokens {
  const cache = tokensByText(model);
  let tokens = cache.get(text);
  if (!tokens) {
    tokens = { body: countTokens(`${escapePromptText(text)}${passageClosingTag}`, model) };
    cache.set(text, tokens);
  }
  return tokens;
}

/** Tokens of the escaped text without the closing tag, counted once per text. */
export function escapedTextTokens(text: string, model: string | undefined): number {
  const tokens = textTokens(text, model);
  tokens.escaped ??= countTokens(escapePromptText(text), model);
  return tokens.escaped;
}

/**
 * A passage text cut to `maxTokens` (as `truncateToTokens` cuts) with the body tokens of the
 * cut text. The text is encoded once however often it is cut, and a repeated cut is remembered.
 */
export function cutPassageText(
  text: string,
  maxTokens: number,
  model: string | undefined,
): { text: string; body: number } {
  const tokens = textTokens(text, model);
  const remembered = tokens.cuts?.get(maxTokens);
  if (remembered) return remembered;
  tokens.encoded ??= Uint32Array.from(encodeTokens(text, model));
  const cutText = truncateEncoded(text, tokens.encoded, maxTokens, model);
  const cut = {
    text: cutText,
    body: countTokens(`${escapePromptText(cutText)}${passageClosingTag}`, model),
  };
  tokens.cuts ??= new Map();
  if (tokens.cuts.size >= maxCutsPerText) tokens.cuts.delete(tokens.cuts.keys().next().value ?? maxTokens);
  tokens.cuts.set(maxTokens, cut);
  // Stored again so the cache accounts for the kept tokens and cuts.
  tokensByText(model).set(text, tokens);
  return cut;
}
