import { getConfig } from '../config';
import { AppError } from '../errors';
import { type PiiKind, piiDetectors } from './pii-detectors';

export type PiiMode = 'off' | 'mask' | 'block';
export type PiiCounts = Partial<Record<PiiKind, number>>;

export interface Redaction {
  text: string;
  /** How many items of each kind were found (and masked, unless the mode is off). */
  counts: PiiCounts;
  total: number;
}

const placeholders: Record<PiiKind, string> = {
  secret: '[SECRET]',
  email: '[EMAIL]',
  iban: '[IBAN]',
  card: '[CARD]',
  ip: '[IP]',
  phone: '[PHONE]',
};

const kindNames: Record<PiiKind, string> = {
  secret: 'a secret or API key',
  email: 'an email address',
  iban: 'a bank account number (IBAN)',
  card: 'a payment card number',
  ip: 'an IP address',
  phone: 'a phone number',
};

/** Replaces every detected item with a placeholder such as `[EMAIL]`, whatever the mode. */
export function maskPii(text: string): Redaction {
  const counts: PiiCounts = {};
  let total = 0;
  let masked = text;
  for (const detector of piiDetectors) {
    masked = masked.replace(detector.pattern, (match: string) => {
      if (detector.accepts && !detector.accepts(match)) return match;
      counts[detector.kind] = (counts[detector.kind] ?? 0) + 1;
      total += 1;
      return placeholders[detector.kind];
    });
  }
  return { text: masked, counts, total };
}

/** Adds `extra` counts into `into` and returns it. */
export function addCounts(into: PiiCounts, extra: PiiCounts): PiiCounts {
  for (const [kind, count] of Object.entries(extra) as [PiiKind, number][]) {
    into[kind] = (into[kind] ?? 0) + count;
  }
  return into;
}

/**
 * Applies `PII_MODE` to text that is about to leave for a model provider: `off` passes it
 * through untouched, `mask` replaces what it finds, `block` throws `pii_blocked` (naming the
 * kinds, never the values) when anything is found.
 */
export function redactForModel(text: string, mode: PiiMode = getConfig().PII_MODE): Redaction {
  if (mode === 'off') return { text, counts: {}, total: 0 };
  const redaction = maskPii(text);
  if (mode === 'block' && redaction.total > 0) throw blockedError(redaction.counts);
  return redaction;
}

/** Redacts every message of a conversation with {@link redactForModel}, summing the counts. */
export function redactConversation<Message extends { content: string }>(
  messages: readonly Message[],
  mode: PiiMode = getConfig().PII_MODE,
): { messages: Message[]; counts: PiiCounts; total: number } {
  const counts: PiiCounts = {};
  let total = 0;
  const redacted = messages.map((message) => {
    const redaction = redactForModel(message.content, mode);
    addCounts(counts, redaction.counts);
    total += redaction.total;
    return redaction.total > 0 ? { ...message, content: redaction.text } : message;
  });
  return { messages: redacted, counts, total };
}

/**
 * Text for logs and the metrics database. Always masked, even with `PII_MODE=off`: that
 * setting only concerns what the model sees, never what we keep.
 */
export function redactForStorage(text: string): string {
  return maskPii(text).text;
}

function blockedError(counts: PiiCounts): AppError {
  const kinds = (Object.keys(counts) as PiiKind[]).map((kind) => kindNames[kind]);
  return new AppError('pii_blocked', {
    publicMessage: `The question contains ${kinds.join(', ')} and was not sent. Remove it and ask again.`,
    detail: `blocked by PII_MODE=block: ${JSON.stringify(counts)}`,
  });
}
