import type { AuditEntry, AuditEvent } from '../contracts/audit-event';
import { redactForStorage } from '../safety/redact-pii';

/** Longest value of any text field, in characters, before it is cut with a marker. */
export const maxAuditFieldChars = 256;
/** Longest serialised line; an entry over it keeps its identity fields and loses its details. */
export const maxAuditEntryBytes = 4096;
const maxDetailKeys = 32;
const maxDetailKeyChars = 64;

// Control characters (newlines included), line and paragraph separators, and bidirectional
// overrides: none belong in an audit field, and each could fake a line or hide text on screen.
const unsafeCharacters = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]+/gu;

/**
 * A text field as it may be stored: unsafe characters replaced by a space, personal data
 * masked when `redact` is set, and at most `maxChars` characters, the cut marked with how
 * long the original was. Linear in the input, and only a bounded prefix is redacted.
 */
export function boundAuditText(value: string, options: { redact?: boolean; maxChars?: number } = {}): string {
  const maxChars = options.maxChars ?? maxAuditFieldChars;
  // Redacting only a prefix bounds its cost; a masked value is shorter, so twice the limit
  // still fills the field.
  const prefix = value.slice(0, maxChars * 2).replace(unsafeCharacters, ' ');
  const cleaned = options.redact ? redactForStorage(prefix) : prefix;
  if (value.length <= maxChars * 2 && cleaned.length <= maxChars) return cleaned;
  return `${cleaned.slice(0, maxChars)}…[truncated, ${value.length} chars]`;
}

function boundDetails(details: AuditEntry['details']): AuditEvent['details'] {
  if (!details) return undefined;
  const entries = Object.entries(details);
  const kept = entries
    .slice(0, maxDetailKeys)
    .map(([key, value]) => [
      boundAuditText(key, { maxChars: maxDetailKeyChars }),
      typeof value === 'string' ? boundAuditText(value, { redact: true }) : value,
    ]);
  if (entries.length > maxDetailKeys) kept.push(['droppedDetails', entries.length - maxDetailKeys]);
  return Object.fromEntries(kept);
}

/**
 * The event as it is written: every text field bounded and cleaned, target and detail
 * strings PII-masked. The client address is kept (it is the point of the entry) but bounded,
 * since it comes from a header the client may write.
 */
export function boundAuditEntry(entry: AuditEntry, now: Date): AuditEvent {
  return {
    time: now.toISOString(),
    actor: boundAuditText(entry.actor),
    ip: entry.ip === undefined ? undefined : boundAuditText(entry.ip),
    action: boundAuditText(entry.action),
    target: entry.target === undefined ? undefined : boundAuditText(entry.target, { redact: true }),
    result: entry.result,
    details: boundDetails(entry.details),
  };
}

/** One JSON line for the event, never over {@link maxAuditEntryBytes}: details go first if needed. */
export function serializeAuditEvent(event: AuditEvent): string {
  const line = JSON.stringify(event);
  if (Buffer.byteLength(line) <= maxAuditEntryBytes) return line;
  return JSON.stringify({ ...event, details: { detailsDropped: true } });
}
