import { afterEach, describe, expect, it } from 'vitest';
import { createScriptedModel, textSteps } from '@/tests/support/fakes';
import { createTurnHarness, turnInput } from '@/tests/support/turn-harness';
import { runGuardedTurn } from '../chat/run-guarded-turn';
import { setConfig } from '../config';
import type { TurnInput, TurnMiddleware } from './turn-types';

afterEach(() => setConfig({}));

/** A middleware after the redaction step: keeps what it was handed. */
function spyMiddleware(seen: TurnInput[]): TurnMiddleware {
  return async function* spy(input, dependencies, next) {
    seen.push(input);
    yield* next(input, dependencies);
  };
}

async function drain(input: TurnInput, middlewares: TurnMiddleware[]) {
  const answerModel = createScriptedModel(textSteps('Use AbortController [1].'));
  const { dependencies, records } = createTurnHarness({ answerModel, middlewares });
  for await (const _event of runGuardedTurn(input, dependencies));
  return { answerModel, records };
}

const history = [
  { role: 'user' as const, text: 'I am bob@example.org' },
  { role: 'assistant' as const, text: 'Noted.' },
];

describe('redactionMiddleware in every guarded turn', () => {
  it('masks the question and history before the app middlewares, the model and the record see them', async () => {
    setConfig({ PII_MODE: 'mask', LOG_LEVEL: 'silent' });
    const seen: TurnInput[] = [];
    const input = turnInput('My card 4111 1111 1111 1111 fails with fetch', { history });
    const { answerModel, records } = await drain(input, [spyMiddleware(seen)]);
    expect(seen[0].question).toBe('My card [CARD] fails with fetch');
    expect(seen[0].history[0].text).toBe('I am [EMAIL]');
    const sent = JSON.stringify(answerModel.requests);
    expect(sent).not.toContain('4111');
    expect(sent).not.toContain('bob@example.org');
    expect(records[0].question).toBe('My card [CARD] fails with fetch');
  });

  it('refuses a question with personal data in block mode even without the request check', async () => {
    setConfig({ PII_MODE: 'block', LOG_LEVEL: 'silent' });
    const seen: TurnInput[] = [];
    await expect(drain(turnInput('mail me at a@b.io'), [spyMiddleware(seen)])).rejects.toMatchObject({
      code: 'pii_blocked',
    });
    expect(seen).toEqual([]);
  });

  it('passes text through untouched with PII_MODE=off', async () => {
    setConfig({ PII_MODE: 'off', LOG_LEVEL: 'silent' });
    const seen: TurnInput[] = [];
    await drain(turnInput('I am bob@example.org', { history }), [spyMiddleware(seen)]);
    expect(seen[0].question).toBe('I am bob@example.org');
    expect(seen[0].history).toEqual(history);
  });
});
