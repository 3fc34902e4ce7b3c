import type { RetrievedChunk } from '../contracts/retrieval';
import { formatPassage, type PassageSource } from './passage-format';
import { headerTokens, textTokens } from './passage-token-cache';
import { countTokens } from './token-count';

/**
 * Tokens of {@link formatPassage}, exactly as counting the whole string, from parts counted
 * once each. The tokenizer's pre-split always ends a piece between the index's closing quote
 * and ` collection=`, and at the opening tag's final `>\n` unless the text starts with a line
 * break (or is empty: the closing tag's line break follows); such texts are counted whole.
 */
export function countPassageTokens(
  index: number,
  chunk: RetrievedChunk,
  text: string,
  model?: string,
): number {
  return passageTokens(index, chunk, text, model, () => textTokens(text, model).body);
}

/**
 * Tokens of a formatted passage whose body tokens come from `body` (a cut text brings its
 * own), with the same whole-string fallback as {@link countPassageTokens}.
 */
export function passageTokens(
  index: number,
  chunk: PassageSource,
  text: string,
  model: string | undefined,
  body: () => number,
): number {
  if (!text || /^[\r\n]/.test(text)) return countTokens(formatPassage(index, chunk, text), model);
  return headerTokens(index, chunk, model) + body();
}
