import { createHash } from 'node:crypto';

/** The longest key kept as written; longer ones are replaced by their hash. */
export const maxKeyLength = 64;

/**
 * A key of at most {@link maxKeyLength} characters for maps and stores keyed by client: short
 * keys stay readable, longer ones become `sha256:` and 32 hex digits, so a client cannot make
 * one entry cost kilobytes while distinct keys stay distinct.
 */
export function boundedKey(key: string): string {
  if (key.length <= maxKeyLength) return key;
  return `sha256:${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}
