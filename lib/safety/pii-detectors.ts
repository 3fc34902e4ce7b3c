import { isIP } from 'node:net';
import { passesIbanChecksum, passesLuhn } from './checksums';

export type PiiKind = 'secret' | 'email' | 'iban' | 'card' | 'ip' | 'phone';

export interface PiiDetector {
  kind: PiiKind;
  /** Global regex; the whole match is masked. */
  pattern: RegExp;
  /** Extra check on the matched text, for patterns that over-match (checksums, address syntax). */
  accepts?: (match: string) => boolean;
}

const secretLabels =
  '(?:api[_-]?key|secret(?:[_-]?key)?|access[_-]?token|auth[_-]?token|token|password|passwd|pwd|bearer)';

/*
 * Every pattern here runs on untrusted text of any length, so each one is linear in it: gaps
 * are bounded (`\s{0,16}`, never `\s*` inside a lookbehind, which is re-scanned at every
 * position), and a pattern whose characters can repeat without end either starts only at the
 * beginning of such a run (a lookbehind on the same class) or ends right there, with nothing
 * after it to backtrack into.
 */

const emailLocal = '(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}';
const domainLabel = '[A-Za-z0-9-]{1,63}';
const topLevelDomain = '[A-Za-z]{2,24}\\b';
/** `(at)`, `[dot]`, `{at}`, `<dot>`: a spelled-out separator in brackets. */
const bracketed = (word: string) => `[ \\t]{0,3}[(\\[{<][ \\t]{0,2}${word}[ \\t]{0,2}[)\\]}>][ \\t]{0,3}`;
/** ` at `, ` dot `: a spelled-out separator between spaces. */
const spelled = (word: string) => `[ \\t]{1,3}${word}[ \\t]{1,3}`;
const spelledDot = `(?:${bracketed('dot')}|${spelled('dot')})`;
const anyDot = `(?:\\.|${spelledDot})`;
const domainTail = `${domainLabel}(?:${anyDot}${domainLabel}){0,8}`;

const digitsOf = (text: string) => text.replace(/\D/g, '');

/** An ISO date at the start (2024-01-15 10...) reads as grouped digits but is not a phone number. */
const startsWithIsoDate = /^\d{4}-\d{2}-\d{2}/;

function looksLikePhone(match: string): boolean {
  const digits = digitsOf(match);
  if (startsWithIsoDate.test(match)) return false;
  const international = match.startsWith('+') || match.startsWith('00');
  return digits.length <= 15 && digits.length >= (international ? 8 : 9);
}

function looksLikeIpv6(match: string): boolean {
  // Fewer than three groups is usually code (`a[1::2]`, `std::x`), not an address.
  const groups = match.split(':').filter(Boolean).length;
  return groups >= 3 && isIP(match) === 6;
}

/**
 * The detectors, in the order they run. Secrets go first so a key that contains digits is
 * not half-masked as a phone number; cards and IBANs go before phones for the same reason.
 */
export const piiDetectors: readonly PiiDetector[] = [
  {
    kind: 'secret',
    pattern:
      /-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]{0,40}PRIVATE KEY-----|$)|\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}\b|\bsk-(?:proj-|ant-|svcacct-)?[A-Za-z0-9_-]{20,}|\bA(?:KIA|SIA)[0-9A-Z]{16}\b|\bgh[pousr]_[A-Za-z0-9]{30,}\b|\bgithub_pat_[A-Za-z0-9_]{22,}\b|\bxox[abposr]-[A-Za-z0-9-]{10,}\b|\bAIza[0-9A-Za-z_-]{35}\b|(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
  },
  {
    kind: 'secret',
    // `password: hunter2`, `api_key="..."`: mask the value only, whatever it looks like.
    pattern: new RegExp(`(?<=\\b${secretLabels}["']?\\s{0,16}[:=]\\s{0,16}["']?)[^\\s"'\`,;[\\]]{6,}`, 'gi'),
  },
  {
    kind: 'secret',
    // `Bearer abc123...`, `token abc123...`: without `:`/`=` only values with a digit or symbol,
    // so prose such as "token counting" stays intact.
    pattern: new RegExp(`(?<=\\b${secretLabels}\\s{1,16})[^\\s"'\`,;[\\]]{8,}`, 'gi'),
    accepts: (match) => /[^A-Za-z]/.test(match),
  },
  {
    kind: 'secret',
    // Long random-looking tokens: letters of both cases and digits (hex hashes are one case).
    pattern:
      /(?<![\w-])(?=[A-Za-z0-9_-]*[a-z])(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{32,}(?![\w-])/g,
  },
  {
    kind: 'email',
    // `jo@example.com`, and with the `@` written out in brackets: `jo (at) example (dot) com`.
    pattern: new RegExp(`${emailLocal}(?:@|${bracketed('at')})${domainTail}${anyDot}${topLevelDomain}`, 'gi'),
  },
  {
    kind: 'email',
    // `jo at example dot com`: a plain ` at ` is everyday prose, so only with a spelled-out dot last.
    pattern: new RegExp(`${emailLocal}${spelled('at')}${domainTail}${spelledDot}${topLevelDomain}`, 'gi'),
  },
  {
    kind: 'iban',
    pattern: /\b[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?\b/g,
    accepts: (match) => passesIbanChecksum(match.replace(/ /g, '').toUpperCase()),
  },
  {
    kind: 'card',
    // Grouped by spaces or dashes, or by dots in groups of 4 to 6; not inside a longer number or
    // a decimal, but a sentence's final full stop may follow.
    pattern: /(?<!\d\.?)(?:\d(?:[ -]?\d){12,18}|\d{4,6}(?:\.\d{4,6}){2,3})(?!\.?\d)/g,
    accepts: (match) => {
      const digits = digitsOf(match);
      return digits.length >= 13 && digits.length <= 19 && passesLuhn(digits);
    },
  },
  {
    kind: 'ip',
    pattern:
      /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\w|\.\d)/g,
  },
  {
    kind: 'ip',
    pattern: /(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?::\d{1,3}(?:\.\d{1,3}){3})?(?![\w:])/g,
    accepts: looksLikeIpv6,
  },
  {
    kind: 'phone',
    pattern:
      /(?<![\w.+-])(?:(?:\+|00)\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,4}){1,5}(?![\w-]|\.\d)|(?<![\w+])\+\d{8,15}\b|(?<![\w.+-])(?:1?[2-9]\d{2}[2-9]\d{6}|0[1-9]\d{8,9})(?![\w-]|\.\d)/g,
    accepts: looksLikePhone,
  },
];
