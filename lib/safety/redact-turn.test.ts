import { describe, expect, it } from 'vitest';
import { setConfig } from '../config';
import { AppError } from '../errors';
import { renderPrometheusMetrics } from '../operations/prometheus-exposition';
import { redactTurn, refuseBlockedQuestion } from './redact-turn';

setConfig({ LOG_LEVEL: 'silent' });

const history = [
  { role: 'user' as const, text: 'I am bob@example.org' },
  { role: 'assistant' as const, text: 'For example, connect to 10.0.0.5 as shown in the docs.' },
];

describe('redactTurn', () => {
  it('masks the question and every earlier message, counting by kind', () => {
    const result = redactTurn('Why does my card 4111 1111 1111 1111 fail?', history, 'mask');
    expect(result.question).toBe('Why does my card [CARD] fail?');
    expect(result.history.map((turn) => turn.text)).toEqual([
      'I am [EMAIL]',
      'For example, connect to [IP] as shown in the docs.',
    ]);
    expect(result.counts).toEqual({ card: 1, email: 1, ip: 1 });
    expect(result.total).toBe(3);
  });

  it('refuses a question with personal data in block mode, but only masks history', () => {
    expect(() => redactTurn('mail me at a@b.io', [], 'block')).toThrow(AppError);
    const allowed = redactTurn('How do I open a socket?', history, 'block');
    expect(allowed.question).toBe('How do I open a socket?');
    expect(allowed.history[0].text).toBe('I am [EMAIL]');
  });

  it('refuseBlockedQuestion refuses only in block mode, and only for the question', () => {
    expect(() => refuseBlockedQuestion('mail me at a@b.io', 'block')).toThrow(
      expect.objectContaining({ code: 'pii_blocked' }),
    );
    expect(() => refuseBlockedQuestion('How do I open a socket?', 'block')).not.toThrow();
    expect(() => refuseBlockedQuestion('mail me at a@b.io', 'mask')).not.toThrow();
    expect(() => refuseBlockedQuestion('mail me at a@b.io', 'off')).not.toThrow();
  });

  it('changes nothing with PII_MODE=off', () => {
    expect(redactTurn('I am bob@example.org', history, 'off')).toEqual({
      question: 'I am bob@example.org',
      history,
      counts: {},
      total: 0,
    });
  });

  it('counts what it masked and blocked in the Prometheus metrics', async () => {
    redactTurn('call +1 555 123 4567', [], 'mask');
    expect(() => redactTurn('call +1 555 123 4567', [], 'block')).toThrow(AppError);
    const { body } = await renderPrometheusMetrics();
    expect(body).toMatch(/docs_chat_pii_redactions_total\{kind="phone",action="masked"\} [1-9]/);
    expect(body).toMatch(/docs_chat_pii_redactions_total\{kind="phone",action="blocked"\} 1/);
  });
});
