import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { passesIbanChecksum, passesLuhn } from './checksums';
import { maskPii, redactConversation, redactForModel, redactForStorage } from './redact-pii';

describe('checksums', () => {
  it('accepts valid card numbers and rejects near misses', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('5555555555554444')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(passesLuhn('0000000000000000')).toBe(false);
  });

  it('accepts valid IBANs and rejects a changed digit', () => {
    expect(passesIbanChecksum('GB82WEST12345698765432')).toBe(true);
    expect(passesIbanChecksum('DE89370400440532013000')).toBe(true);
    expect(passesIbanChecksum('DE89370400440532013001')).toBe(false);
  });
});

describe('maskPii', () => {
  const cases: [string, string, string][] = [
    ['email', 'mail me at jane.doe+docs@example.co.uk please', 'mail me at [EMAIL] please'],
    ['US phone', 'call (555) 123-4567 today', 'call [PHONE] today'],
    ['international phone', 'call +44 20 7946 0958 now', 'call [PHONE] now'],
    ['dashed phone', 'my number is 555-123-4567.', 'my number is [PHONE].'],
    ['card with spaces', 'card 4111 1111 1111 1111 expires', 'card [CARD] expires'],
    ['card with dashes', 'card 5555-5555-5555-4444', 'card [CARD]'],
    ['IBAN with spaces', 'pay GB82 WEST 1234 5698 7654 32 now', 'pay [IBAN] now'],
    ['compact lower-case IBAN', 'iban de89370400440532013000', 'iban [IBAN]'],
    ['OpenAI key', 'my key is sk-proj-abcdefghijklmnopqrstuvwx1234', 'my key is [SECRET]'],
    ['AWS key', 'AKIAIOSFODNN7EXAMPLE leaked', '[SECRET] leaked'],
    ['GitHub token', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', '[SECRET]'],
    ['assignment', 'I set password="hunter22" in the file', 'I set password="[SECRET]" in the file'],
    ['bearer header', 'Authorization: Bearer abc123def456ghi', 'Authorization: Bearer [SECRET]'],
    ['random token', 'token Xy7kP2mQ9rT4vW8zA1bC3dE5fG6hJ0kLmN', 'token [SECRET]'],
    ['IPv4', 'server 192.168.1.20 is down', 'server [IP] is down'],
    ['IPv6', 'host 2001:db8:85a3::8a2e:370:7334 fails', 'host [IP] fails'],
  ];

  it.each(cases)('masks %s', (_name, input, expected) => {
    expect(maskPii(input).text).toBe(expected);
  });

  const untouched: [string, string][] = [
    ['a version number', 'what changed in Python 3.12.1 and Node 20.11.0?'],
    ['an ISO date and time', 'logs from 2024-01-15 10:30:00 show it'],
    ['a Python slice', 'what does a[1::2] do?'],
    ['a C++ scope', 'use std::vector::iterator here'],
    ['a git hash', 'revert commit 3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39'],
    ['prose about tokens', 'how does token counting work with tiktoken?'],
    ['an npm scope', 'install @langchain/openai with npm'],
    ['a card number failing Luhn', 'order 4111 1111 1111 1112 shipped'],
    ['a short number', 'set the timeout to 15000 ms, port 3000'],
    ['a clock time', 'run it at 12:30:45 daily'],
  ];

  it.each(untouched)('leaves %s alone', (_name, input) => {
    const result = maskPii(input);
    expect(result.text).toBe(input);
    expect(result.total).toBe(0);
  });

  it('counts each kind', () => {
    const result = maskPii('a@b.io, c@d.io, 10.0.0.1 and 4111111111111111');
    expect(result.counts).toEqual({ email: 2, ip: 1, card: 1 });
    expect(result.total).toBe(4);
  });

  it('does not report an IBAN with a bad checksum as an IBAN', () => {
    expect(maskPii('GB82 WEST 1234 5698 7654 33').counts.iban).toBeUndefined();
  });

  it('counts a secret inside an assignment once', () => {
    const result = maskPii('api_key=sk-abcdefghijklmnopqrstuvwxyz123456');
    expect(result).toEqual({ text: 'api_key=[SECRET]', counts: { secret: 1 }, total: 1 });
  });
});

describe('redactForModel', () => {
  const question = 'I am jane@example.com, why does fetch fail?';

  it('passes text through with PII_MODE=off', () => {
    expect(redactForModel(question, 'off')).toEqual({ text: question, counts: {}, total: 0 });
  });

  it('masks with PII_MODE=mask', () => {
    expect(redactForModel(question, 'mask').text).toBe('I am [EMAIL], why does fetch fail?');
  });

  it('throws pii_blocked naming the kind, not the value, with PII_MODE=block', () => {
    let thrown: unknown;
    try {
      redactForModel(question, 'block');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const appError = thrown as AppError;
    expect(appError.code).toBe('pii_blocked');
    expect(appError.status).toBe(400);
    expect(appError.publicMessage).toContain('an email address');
    expect(appError.publicMessage).not.toContain('jane@');
  });

  it('lets clean text through in block mode', () => {
    expect(redactForModel('how do I read a file?', 'block').total).toBe(0);
  });
});

describe('redactConversation and redactForStorage', () => {
  it('redacts every message and sums counts', () => {
    const result = redactConversation(
      [
        { role: 'user', content: 'my ip is 8.8.8.8' },
        { role: 'assistant', content: 'noted' },
        { role: 'user', content: 'and mail x@y.org or 9.9.9.9' },
      ],
      'mask',
    );
    expect(result.messages.map((message) => message.content)).toEqual([
      'my ip is [IP]',
      'noted',
      'and mail [EMAIL] or [IP]',
    ]);
    expect(result.counts).toEqual({ ip: 2, email: 1 });
    expect(result.total).toBe(3);
  });

  it('always masks for storage', () => {
    expect(redactForStorage('reach me on +1 555 123 4567')).toBe('reach me on [PHONE]');
  });
});

describe('maskPii on long adversarial input', () => {
  it('finishes on 100k-character inputs that defeat naive patterns', () => {
    const inputs = [
      'a'.repeat(100_000),
      `${'a.'.repeat(50_000)}@`,
      '1.'.repeat(50_000),
      '12 34 '.repeat(20_000),
    ];
    for (const input of inputs) expect(maskPii(input).text.length).toBeGreaterThan(0);
  });
});
