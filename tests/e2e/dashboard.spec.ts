import fs from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { percentile } from '../../lib/metrics/percentiles';
import { type ClientTurn, streamChat } from '../support/chat-stream-client';
import { e2eServers } from '../support/e2e-ports';
import { fakeUpstream } from '../support/fake-upstream-control';
import type { FakeBehaviour } from '../support/fake-upstream-protocol';

// The dashboard app (see playwright.config.ts) has its own empty metrics database and a 15 s
// alert window, so counts start at zero and an alert can fire and resolve within one test.
const app = e2eServers.dashboard.url;
const screenshots = path.resolve(__dirname, '..', '..', 'test-results');
// The dashboard app runs in production without ADMIN_TOKEN, so it generated an admin token in its
// DATA_DIR (see playwright.config.ts); the spec signs in with it as an operator would.
const generatedTokenFile = path.resolve(
  __dirname,
  '..',
  '..',
  'test-results',
  'e2e-data',
  'dashboard',
  'admin-token',
);
const questions = [
  'How do I create a virtual environment in Python?',
  'How do I read a file line by line in Node.js?',
  'How do I sort a list of dictionaries by a key?',
  'What does the event loop do in Node.js?',
  'How do I format a string with f-strings?',
];

test.describe.configure({ mode: 'serial' });

test.beforeEach(async ({ request }) => {
  test.skip(test.info().project.name !== 'fake-upstream', 'the dashboard app is shared: one run is enough');
  await fakeUpstream(request).reset();
});

const card = (page: Page, name: string): Locator => page.getByTestId(`card-${name}`);

async function numberAttribute(locator: Locator, name: string): Promise<number> {
  return Number(await locator.getAttribute(name));
}

/** Per-row values the table exposes, for the turns with the given ids. */
async function rowValues(page: Page) {
  return page.getByTestId('turn-row').evaluateAll((rows) =>
    rows.map((row) => ({
      id: row.getAttribute('data-turn-id') ?? '',
      status: row.getAttribute('data-status') ?? '',
      ttftMs: Number(row.getAttribute('data-ttft-ms')),
      latencyMs: Number(row.getAttribute('data-latency-ms')),
      outputTokens: Number(row.getAttribute('data-output-tokens')),
    })),
  );
}

async function openDashboard(page: Page): Promise<void> {
  const token = fs.readFileSync(generatedTokenFile, 'utf8').trim();
  await page.goto(`${app}/login?token=${token}`);
  await expect(page).toHaveURL(`${app}/dashboard`);
  await page.getByTestId('window-15m').click();
  await expect(page.getByTestId('window-15m')).toHaveAttribute('aria-pressed', 'true');
}

test('counts, percentiles, and an error-rate alert that fires, then resolves after successful turns', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const upstream = fakeUpstream(request);
  const ok = (firstTokenDelayMs: number): FakeBehaviour => ({
    kind: 'ok',
    firstTokenDelayMs,
    tokenDelayMs: 10,
  });
  // Three answers, then two streams the upstream drops mid-answer: interrupted turns. The
  // first turn also pays the server's warm-up, so it gets the longest delay: it stays the
  // slowest on both clocks, and the medians compare the same turn.
  await upstream.script([
    ok(350),
    ok(150),
    ok(250),
    { kind: 'drop', afterTokens: 3 },
    { kind: 'drop', afterTokens: 3 },
  ]);
  // Loads the chat route before the clocks start: the client's first TTFT would otherwise also
  // hold the route's cold start, which the server's clock (started inside the route) never sees.
  expect((await request.post(`${app}/api/chat`, { data: {} })).status()).toBe(400);
  const turns: ClientTurn[] = [];
  for (const question of questions) turns.push(await streamChat(app, question));
  expect(turns.map((turn) => turn.metrics?.status)).toEqual(['ok', 'ok', 'ok', 'interrupted', 'interrupted']);

  await openDashboard(page);
  await expect(card(page, 'turns').getByTestId('card-value')).toHaveText('5');
  await expect(card(page, 'error-rate').getByTestId('card-value')).toHaveText('40.0%');
  await expect(card(page, 'success-rate').getByTestId('card-value')).toHaveText('60.0%');
  await expect(page.getByTestId('turn-row')).toHaveCount(5);

  // Percentiles: the cards agree with the per-turn values, and with what the client measured.
  const rows = await rowValues(page);
  const ttfts = rows.filter((row) => row.ttftMs > 0 && row.outputTokens > 0).map((row) => row.ttftMs);
  const latencies = rows.map((row) => row.latencyMs);
  const sorted = (values: number[]) => [...values].sort((left, right) => left - right);
  for (const [name, values, p] of [
    ['ttft-p50', ttfts, 50],
    ['ttft-p95', ttfts, 95],
    ['ttft-p99', ttfts, 99],
    ['latency-p50', latencies, 50],
    ['latency-p95', latencies, 95],
  ] as const) {
    expect(await numberAttribute(card(page, name), 'data-value'), name).toBeCloseTo(
      percentile(sorted(values), p) ?? Number.NaN,
      6,
    );
  }
  const clientTtfts = sorted(turns.flatMap((turn) => (turn.firstTextMs ? [turn.firstTextMs] : [])));
  expect(clientTtfts).toHaveLength(ttfts.length);
  const ttftP50 = await numberAttribute(card(page, 'ttft-p50'), 'data-value');
  expect(Math.abs(ttftP50 - (percentile(clientTtfts, 50) ?? 0))).toBeLessThan(25);

  // The error-rate alert fires (2 of 5 failed is over the 10% high threshold).
  const errorAlert = page.locator('[data-testid="alert-active"][data-rule="error_rate"]');
  await expect(errorAlert).toHaveAttribute('data-severity', 'high');
  await expect(page.getByTestId('alert-banner')).toContainText('Error rate 40.0%');
  await page.screenshot({ path: path.join(screenshots, 'dashboard-alert-firing.png'), fullPage: true });

  // Filters and the detail view of an interrupted turn.
  await page.getByTestId('filter-status').selectOption('interrupted');
  await expect(page.getByTestId('turn-row')).toHaveCount(2);
  await page.getByTestId('turn-open').first().click();
  const detail = page.getByTestId('turn-detail');
  await expect(detail.getByTestId('turn-detail-error')).toBeVisible();
  await expect(detail.getByTestId('turn-detail-retries')).toHaveText('0');
  await page.screenshot({ path: path.join(screenshots, 'dashboard-turn-detail.png') });
  await detail.getByTestId('turn-detail-close').click();
  await page.getByTestId('filter-status').selectOption('');

  // Successful turns push the failures out of the 15 s window: the alert resolves.
  const deadline = Date.now() + 90_000;
  while ((await errorAlert.count()) > 0 && Date.now() < deadline) {
    const answer = await streamChat(app, questions[0]);
    expect(answer.metrics?.status).toBe('ok');
    await page.waitForTimeout(1500);
  }
  await expect(errorAlert).toHaveCount(0);
  await expect(page.getByTestId('alerts-active-count')).toHaveAttribute('data-count', '0');
  const history = page.locator('[data-testid="alert-history-item"][data-rule="error_rate"]');
  await expect(history.first()).toHaveAttribute('data-state', 'resolved');
  await expect(history.first()).toContainText('resolved');
  await page.screenshot({ path: path.join(screenshots, 'dashboard-alert-resolved.png'), fullPage: true });
});

test('TTFT and tokens/sec match what the client measured against known upstream delays', async ({
  page,
  request,
}) => {
  const firstTokenDelayMs = 400;
  const tokenDelayMs = 25;
  const text = `${'The documentation explains this step by step with examples [1]. '.repeat(5)}See [1].`;
  await fakeUpstream(request).script(
    Array.from({ length: 3 }, (): FakeBehaviour => ({ kind: 'ok', text, firstTokenDelayMs, tokenDelayMs })),
  );
  // Questions not asked before, so no answer comes from the response cache.
  const fresh = [
    'How do I parse JSON text in Python?',
    'How do I create an HTTP server in Node.js?',
    'How do I catch an exception with try and except?',
  ];
  const turns: ClientTurn[] = [];
  for (const question of fresh) turns.push(await streamChat(app, question));
  expect(turns.map((turn) => turn.metrics?.cached)).toEqual([false, false, false]);

  // Feedback is stored with its turn; an unknown turn id is a 404 JSON error.
  const rate = (turnId: string, rating: 'up' | 'down', comment?: string) =>
    request.post(`${app}/api/feedback`, { data: { turnId, rating, comment } });
  expect((await rate(turns[0].metrics?.turnId ?? '', 'down', 'Cited the wrong page')).status()).toBe(200);
  expect((await rate(turns[1].metrics?.turnId ?? '', 'up')).status()).toBe(200);
  const unknown = await rate('no-such-turn', 'up');
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).error.code).toBe('not_found');

  await openDashboard(page);
  await expect(card(page, 'feedback').getByTestId('card-value')).toHaveText('50%');
  await expect(page.getByTestId('worst-rated-item')).toContainText('Cited the wrong page');
  for (const turn of turns) {
    const turnId = turn.metrics?.turnId ?? '';
    const row = page.locator(`[data-testid="turn-row"][data-turn-id="${turnId}"]`);
    await expect(row).toBeVisible();
    const shownTtft = Number((await row.getByTestId('turn-ttft').textContent())?.replace(' ms', ''));
    const shownRate = Number.parseFloat(
      (await row.getByTestId('turn-tokens-per-second').textContent()) ?? '',
    );
    const clientTtft = turn.firstTextMs ?? 0;
    const clientRate = turn.tokensPerSecond ?? 0;
    // The upstream waits 400 ms before its first token: both sides see at least that.
    expect(shownTtft).toBeGreaterThanOrEqual(firstTokenDelayMs);
    expect(clientTtft).toBeGreaterThanOrEqual(firstTokenDelayMs);
    expect(
      Math.abs(clientTtft - shownTtft),
      `TTFT client ${clientTtft} vs dashboard ${shownTtft}`,
    ).toBeLessThan(25);
    expect(
      Math.abs(clientRate - shownRate) / clientRate,
      `tok/s client ${clientRate} vs ${shownRate}`,
    ).toBeLessThan(0.05);
    // One token every 25 ms is about 40 tokens/sec.
    expect(shownRate).toBeGreaterThan(1000 / tokenDelayMs / 1.25);
    expect(shownRate).toBeLessThan((1000 / tokenDelayMs) * 1.25);
    test.info().annotations.push({
      type: 'measured',
      description: `turn ${turnId}: TTFT client ${clientTtft.toFixed(1)} ms / dashboard ${shownTtft} ms; tok/s client ${clientRate.toFixed(2)} / dashboard ${shownRate}`,
    });
  }
  await page.screenshot({ path: path.join(screenshots, 'dashboard-timings.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId('summary-cards')).toBeVisible();
  await page.screenshot({ path: path.join(screenshots, 'dashboard-phone.png'), fullPage: true });
});
