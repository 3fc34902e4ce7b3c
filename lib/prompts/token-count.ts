import { encoderForModel } from './token-encoding';

/**
 * Encodes text as tokens with `model`'s encoding (see `encodingForModel`; o200k_base when no
 * model is given). Special-token markers inside documents (e.g. `<|endoftext|>`) are encoded
 * as plain text, because retrieved text is untrusted data. Cost is linear in the text's length
 * whatever it contains (see `maxPieceCharacters`).
 */
export function encodeTokens(text: string, model?: string): number[] {
  return encoderForModel(model).encode(text);
}

/** Decodes tokens produced by {@link encodeTokens} with the same `model`. */
export function decodeTokens(tokens: ArrayLike<number>, model?: string): string {
  return encoderForModel(model).decode(tokens);
}

/** The number of tokens in `text` with `model`'s encoding. */
export function countTokens(text: string, model?: string): number {
  if (!text) return 0;
  return encodeTokens(text, model).length;
}

/**
 * The tokens in `text`, or some number above `maxTokens` as soon as it is known to exceed it:
 * a limit check then costs at most what counting `maxTokens` tokens costs.
 */
export function countTokensUpTo(text: string, maxTokens: number, model?: string): number {
  if (!text) return 0;
  return encoderForModel(model).encode(text, maxTokens).length;
}

/**
 * Cuts `text` to at most `maxTokens` tokens, on a token boundary, marking the cut with an
 * ellipsis so the model knows the passage continues. Only the start of the text is encoded,
 * so cutting a long message costs what the kept part costs.
 */
export function truncateToTokens(text: string, maxTokens: number, model?: string): string {
  if (maxTokens <= 0) return '';
  return truncateEncoded(text, encoderForModel(model).encode(text, maxTokens), maxTokens, model);
}

/**
 * {@link truncateToTokens} for a text already encoded as `tokens` (all of them, or at least
 * its first `maxTokens + 1`), e.g. kept from an earlier cut.
 */
export function truncateEncoded(
  text: string,
  tokens: ArrayLike<number>,
  maxTokens: number,
  model?: string,
): string {
  if (maxTokens <= 0) return '';
  if (tokens.length <= maxTokens) return text;
  const kept = Array.from({ length: Math.max(0, maxTokens - 1) }, (_, position) => tokens[position]);
  return `${decodeTokens(kept, model).trimEnd()}…`;
}

/** Tokens framing each chat message (role and separators) in OpenAI's chat format. */
const tokensPerMessage = 4;

/** Approximate prompt tokens of a chat request for `model`: its contents plus per-message framing. */
export function countMessageTokens(messages: readonly { content: string }[], model?: string): number {
  return messages.reduce(
    (total, message) => total + tokensPerMessage + countTokens(message.content, model),
    3,
  );
}
