import { getConfig } from '../config';
import { AppError } from '../errors';
import { type DetectionText, detectionText } from './detection-text';
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

/**
 * Replaces every detected item with a placeholder such as `[EMAIL]`, whatever the mode. The
 * detectors search a folded copy of the text ({@link detectionText}: NFKC, no zero-width or
 * format characters, ASCII digits), each one on the result of the previous, and every match
 * masks the span of the original it came from; the rest of the text is returned as written.
 */
export function maskPii(text: string): Redaction {
  const counts: PiiCounts = {};
  let total = 0;
  let working: MaskedText = { ...detectionText(text), runs: new Int32Array(0) };
  working.runs = new Int32Array(working.text.length);
  let nextRun = 1;
  for (const detector of piiDetectors) {
    const found: { index: number; length: number }[] = [];
    for (const match of working.text.matchAll(detector.pattern)) {
      if (!match[0] || (detector.accepts && !detector.accepts(match[0]))) continue;
      found.push({ index: match.index, length: match[0].length });
      counts[detector.kind] = (counts[detector.kind] ?? 0) + 1;
      total += 1;
    }
    if (found.length) {
      working = replaceMatches(working, found, placeholders[detector.kind], nextRun);
      nextRun += found.length;
    }
  }
  return { text: total ? restoreOriginal(text, working) : text, counts, total };
}

/** The folded text being masked; `runs` tells placeholder units (their run's id) from text (0). */
interface MaskedText extends DetectionText {
  runs: Int32Array;
}

/** `working` with each match replaced by `placeholder`, which maps to the match's whole span. */
function replaceMatches(
  working: MaskedText,
  found: readonly { index: number; length: number }[],
  placeholder: string,
  firstRun: number,
): MaskedText {
  const removed = found.reduce((sum, match) => sum + match.length, 0);
  const size = working.text.length - removed + found.length * placeholder.length;
  const next: MaskedText = {
    text: '',
    starts: new Int32Array(size),
    ends: new Int32Array(size),
    runs: new Int32Array(size),
  };
  const pieces: string[] = [];
  let from = 0;
  let to = 0;
  const copy = (until: number) => {
    pieces.push(working.text.slice(from, until));
    next.starts.set(working.starts.subarray(from, until), to);
    next.ends.set(working.ends.subarray(from, until), to);
    next.runs.set(working.runs.subarray(from, until), to);
    to += until - from;
  };
  found.forEach((match, position) => {
    copy(match.index);
    pieces.push(placeholder);
    next.starts.fill(working.starts[match.index], to, to + placeholder.length);
    next.ends.fill(working.ends[match.index + match.length - 1], to, to + placeholder.length);
    next.runs.fill(firstRun + position, to, to + placeholder.length);
    to += placeholder.length;
    from = match.index + match.length;
  });
  copy(working.text.length);
  next.text = pieces.join('');
  return next;
}

/**
 * The original text with each placeholder run in place of the span it covers. Characters the
 * folding dropped (zero-width spaces) come back unless they lie inside a masked span.
 */
function restoreOriginal(original: string, working: MaskedText): string {
  const pieces: string[] = [];
  let cursor = 0;
  for (let index = 0; index < working.text.length; index += 1) {
    const run = working.runs[index];
    if (run > 0) {
      if (index > 0 && working.runs[index - 1] === run) continue;
      const end = index + placeholderLength(working, index);
      if (working.starts[index] > cursor) pieces.push(original.slice(cursor, working.starts[index]));
      pieces.push(working.text.slice(index, end));
      cursor = Math.max(cursor, working.ends[index]);
    } else if (working.starts[index] >= cursor) {
      pieces.push(original.slice(cursor, working.ends[index]));
      cursor = working.ends[index];
    }
  }
  pieces.push(original.slice(cursor));
  return pieces.join('');
}

function placeholderLength(working: MaskedText, start: number): number {
  let end = start;
  while (end < working.runs.length && working.runs[end] === working.runs[start]) end += 1;
  return end - start;
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

/**
 * Text a retrieval step sends to a provider (the router model, the query embedder): masked
 * unless `PII_MODE=off`, never refused, since refusing is the entry point's decision. The chat
 * endpoints hand over text that is masked already; this also covers every other caller.
 */
export function maskForProvider(text: string, mode: PiiMode = getConfig().PII_MODE): string {
  return mode === 'off' ? text : maskPii(text).text;
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

/** The 400 `pii_blocked` refusal, naming the kinds found, never the values. */
export function blockedError(counts: PiiCounts): AppError {
  const kinds = (Object.keys(counts) as PiiKind[]).map((kind) => kindNames[kind]);
  return new AppError('pii_blocked', {
    publicMessage: `The question contains ${kinds.join(', ')} and was not sent. Remove it and ask again.`,
    detail: `blocked by PII_MODE=block: ${JSON.stringify(counts)}`,
  });
}
