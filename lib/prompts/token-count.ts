import { Tiktoken } from 'js-tiktoken/lite';
import cl100kBase from 'js-tiktoken/ranks/cl100k_base';

let encoder: Tiktoken | undefined;

// Built on first use: parsing the bundled rank file takes a few hundred milliseconds, and it
// ships inside the package, so counting works offline.
function getEncoder(): Tiktoken {
  encoder ??= new Tiktoken(cl100kBase);
  return encoder;
}

/**
 * Encodes text as tokens. Special-token markers inside documents (e.g. `<|endoftext|>`) are
 * encoded as plain text instead of throwing, because retrieved text is untrusted data.
 */
export function encodeTokens(text: string): number[] {
  return getEncoder().encode(text, [], []);
}

/** Decodes tokens produced by {@link encodeTokens}. */
export function decodeTokens(tokens: number[]): string {
  return getEncoder().decode(tokens);
}

/** The number of tokens in `text` (cl100k_base: close to every current OpenAI chat model). */
export function countTokens(text: string): number {
  if (!text) return 0;
  return encodeTokens(text).length;
}

/**
 * Cuts `text` to at most `maxTokens` tokens, on a token boundary, marking the cut with an
 * ellipsis so the model knows the passage continues.
 */
export function truncateToTokens(text: string, maxTokens: number): string {
  return truncateEncoded(text, maxTokens <= 0 ? [] : encodeTokens(text), maxTokens);
}

/** {@link truncateToTokens} for a text already encoded as `tokens`, e.g. kept from an earlier cut. */
export function truncateEncoded(text: string, tokens: ArrayLike<number>, maxTokens: number): string {
  if (maxTokens <= 0) return '';
  if (tokens.length <= maxTokens) return text;
  return `${decodeTokens(Array.from({ length: Math.max(0, maxTokens - 1) }, (_, position) => tokens[position])).trimEnd()}…`;
}

/** Tokens framing each chat message (role and separators) in OpenAI's chat format. */
const tokensPerMessage = 4;

/** Approximate prompt tokens of a chat request: its contents plus per-message framing. */
export function countMessageTokens(messages: { content: string }[]): number {
  return messages.reduce((total, message) => total + tokensPerMessage + countTokens(message.content), 3);
}
