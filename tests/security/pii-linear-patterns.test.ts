import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as chat } from '@/app/api/chat/route';
import { POST as feedback } from '@/app/api/feedback/route';
import { setTurnDependencies } from '@/lib/chat/turn-dependencies';
import { setConfig } from '@/lib/config';
import { closeMetricsDatabase, prepared } from '@/lib/metrics/metrics-db';
import { flushPendingTurns } from '@/lib/metrics/turn-write-buffer';
import { recordTurn } from '@/lib/operations/record-turn';
import { maskPii } from '@/lib/safety/redact-pii';
import { type RouteServer, serveRoute } from '@/tests/support/route-server';
import { uiChunks } from '@/tests/support/sse';
import { createTurnHarness } from '@/tests/support/turn-harness';

const size = 200_000;

/**
 * Inputs built to make a backtracking pattern re-scan its input from every position: long runs
 * of what a detector's classes accept, with the one character that would complete a match
 * missing. `masked` is how many items each must yield.
 */
const adversarial: [label: string, text: string, masked: number][] = [
  ['secret label then spaces', `password=${' '.repeat(size)}`, 0],
  ['quoted secret label then spaces', `api_key: "${' '.repeat(size)}`, 0],
  ['bare secret label then spaces', `token${' '.repeat(size)}`, 0],
  ['secret labels repeated', 'password='.repeat(size / 9), 1],
  ['JWT prefixes joined by dashes', 'eyJ-'.repeat(size / 4), 0],
  ['Stripe-style prefixes', 'sk_live_'.repeat(size / 8), 0],
  ['GitHub token not ending at a boundary', `ghp_${'a'.repeat(size)}_`, 0],
  ['private key headers without a name', '-----BEGIN '.repeat(size / 11), 0],
  ['private key header with a long name', `-----BEGIN ${'A '.repeat(size / 2)}`, 0],
  ['one letter repeated', 'a'.repeat(size), 0],
  ['mixed-case run without a digit', 'aA'.repeat(size / 2), 0],
  ['at signs', 'a@'.repeat(size / 2), 0],
  ['email without a top-level domain', 'a@b.'.repeat(size / 4), 0],
  ['local part without an at sign', `${'a.'.repeat(size / 2)}@`, 0],
  ['domain of dashes', `x@${'a-'.repeat(size / 2)}`, 0],
  ['domain ending in a digit', `x@${'a.'.repeat(size / 2)}1`, 0],
  ['bracketed at repeated', 'a (at) '.repeat(size / 7), 0],
  ['spelled at repeated', 'a at '.repeat(size / 5), 0],
  ['spelled dots ending in a digit', `a at b${' dot b'.repeat(size / 6)} dot 1`, 0],
  ['one digit repeated', '1'.repeat(size), 0],
  ['digits and spaces', '1 '.repeat(size / 2), 0],
  ['digits and dashes', '1-'.repeat(size / 2), 0],
  ['digits and dots', '1.'.repeat(size / 2), 0],
  ['four-digit groups and dots', '1234.'.repeat(size / 5), 0],
  ['colons', ':'.repeat(size), 0],
  ['hex digits and colons', 'a:'.repeat(size / 2), 0],
  ['IBAN-like groups', 'DE89 '.repeat(size / 5), 0],
  ['plus signs', '+'.repeat(size), 0],
  ['bracketed digits', '(1)'.repeat(size / 3), 0],
  ['Arabic-Indic digits', '٤'.repeat(size), 0],
  ['zero-width spaces between letters', 'a\u200b'.repeat(size / 2), 0],
  ['fullwidth at signs', 'ａ＠'.repeat(size / 2), 0],
];

describe('every PII pattern is linear in its input', () => {
  it('masks the value after a secret label followed by 200,000 spaces quickly and correctly', () => {
    const started = performance.now();
    const result = maskPii(`password=${' '.repeat(size)}`);
    // This input took about 94 s with an unbounded gap in the lookbehind.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.total).toBe(0);
    expect(result.text).toHaveLength(size + 9);
    expect(maskPii(`password=${' '.repeat(12)}hunter2secret and more`).text).toBe(
      `password=${' '.repeat(12)}[SECRET] and more`,
    );
  });

  it.each(adversarial)('%s: completes with the right result', (_label, text, masked) => {
    const result = maskPii(text);
    expect(result.total).toBe(masked);
    if (masked === 0) expect(result.text).toBe(text);
  });
});

describe('pathological text through the real routes', () => {
  const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'pii-linear-'));
  let chatServer: RouteServer;
  let feedbackServer: RouteServer;

  beforeAll(async () => {
    setConfig({ DATA_DIR: dataDirectory, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0' });
    setTurnDependencies(createTurnHarness({ recordTurn }).dependencies);
    chatServer = await serveRoute(chat);
    feedbackServer = await serveRoute(feedback);
  });
  afterAll(async () => {
    setTurnDependencies(undefined);
    closeMetricsDatabase();
    setConfig({});
    await Promise.all([chatServer.close(), feedbackServer.close()]);
    fs.rmSync(dataDirectory, { recursive: true, force: true });
  });

  it('a question of a secret label and spaces is answered, and a comment holding one is stored masked', async () => {
    const question = `How do I cancel a fetch request? password=${' '.repeat(3_900)}`;
    const response = await fetch(`${chatServer.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text: question }] }],
      }),
    });
    expect(response.status).toBe(200);
    const turnId = response.headers.get('x-turn-id');
    const chunks = await uiChunks(response);
    expect(chunks.find((chunk) => chunk.type === 'data-metrics')).toMatchObject({ data: { status: 'ok' } });
    flushPendingTurns();

    const comment = `password=${' '.repeat(10)}hunter2secret${' '.repeat(1_900)}`;
    const saved = await fetch(`${feedbackServer.url}/api/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ turnId, rating: 'down', comment }),
    });
    expect(saved.status).toBe(200);
    const stored = prepared('SELECT comment FROM feedback WHERE turn_id = ?').get(turnId) as {
      comment: string;
    };
    expect(stored.comment).toContain('[SECRET]');
    expect(stored.comment).not.toContain('hunter2secret');
  });
});
