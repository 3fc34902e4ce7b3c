import { expect, test } from '@playwright/test';
import { ask, waitForAnswer } from '../support/chat-page';
import { adminToken, e2eServers } from '../support/e2e-ports';

// The admin app (ADMIN_TOKEN set) is shared by both projects: one run is enough.
test.beforeEach(() => {
  test.skip(test.info().project.name !== 'local', 'one admin server, exercised from the local project');
});

const admin = e2eServers.admin.url;

test('the dashboard and admin APIs reject requests without the token; the chat stays public', async ({
  page,
  request,
}) => {
  for (const path of ['/api/metrics/summary', '/api/metrics', '/api/feedback/export', '/api/admin/audit']) {
    const response = await request.get(`${admin}${path}`);
    expect(response.status(), path).toBe(401);
    expect((await response.json()).error.code).toBe('unauthorized');
  }
  const wrong = await request.get(`${admin}/api/metrics/summary`, {
    headers: { authorization: 'Bearer nope' },
  });
  expect(wrong.status()).toBe(401);
  const right = await request.get(`${admin}/api/metrics/summary`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  expect(right.status()).toBe(200);
  const health = await request.get(`${admin}/api/health`);
  expect((await health.json()).components).toEqual([]);

  await page.goto(`${admin}/dashboard`);
  await expect(page).toHaveURL(/\/login\?next=(%2F|\/)dashboard$/);
  await expect(page.getByTestId('login-form')).toBeVisible();

  await page.goto(`${admin}/`);
  await expect(page.getByTestId('chat-input')).toBeVisible();
});

test('logging in with the token opens the dashboard; the cookie never holds the token', async ({
  page,
  context,
}) => {
  await page.goto(`${admin}/login?next=/dashboard`);
  await page.getByTestId('login-token').fill('not the token');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toContainText('not right');

  await page.getByTestId('login-token').fill(adminToken);
  await page.getByTestId('login-submit').click();
  await expect(page).toHaveURL(`${admin}/dashboard`);
  await expect(page.getByTestId('logout-button')).toBeVisible();

  const cookies = await context.cookies(admin);
  const session = cookies.find((cookie) => cookie.name === 'docs_chat_admin');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  expect(session?.value).not.toContain(adminToken);
  expect(await page.evaluate(() => document.cookie)).not.toContain('docs_chat_admin');
  const summary = await page.request.get(`${admin}/api/metrics/summary`);
  expect(summary.status()).toBe(200);

  await page.getByTestId('logout-button').click();
  await expect(page).toHaveURL(`${admin}/login`);
  await page.goto(`${admin}/dashboard`);
  await expect(page).toHaveURL(/\/login/);
});

test('the sign-in link opens the dashboard without the token in the URL; logout revokes the session', async ({
  page,
  context,
  request,
}) => {
  await page.goto(`${admin}/login?token=${adminToken}`);
  await expect(page).toHaveURL(`${admin}/dashboard`);
  const session = (await context.cookies(admin)).find((cookie) => cookie.name === 'docs_chat_admin');
  expect(session?.value).toBeTruthy();
  await page.getByTestId('logout-button').click();
  await expect(page).toHaveURL(`${admin}/login`);
  const replayed = await request.get(`${admin}/api/metrics/summary`, {
    headers: { cookie: `docs_chat_admin=${session?.value}` },
  });
  expect(replayed.status()).toBe(401);
});

test('pages carry a nonce CSP and the security headers', async ({ request }) => {
  const response = await request.get(`${admin}/`);
  const headers = response.headers();
  expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).not.toContain('unsafe-eval');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['x-frame-options']).toBe('DENY');
  const nonce = headers['content-security-policy'].match(/'nonce-([^']+)'/)?.[1];
  expect(await response.text()).toContain(`nonce="${nonce}"`);
});

test('a repeated question is answered from the cache, with identical text, marked cached', async ({
  page,
}) => {
  await page.goto(`${admin}/`);
  const question = 'How do I read a file line by line in Python?';
  const first = await ask(page, question);
  await waitForAnswer(first);
  await expect(first.getByTestId('metrics')).toHaveAttribute('data-cached', 'false');
  const firstText = await first.getByTestId('message-text').textContent();
  // A turn that carries earlier messages is never cached: the repeat starts a new chat.
  await page.getByTestId('new-chat-button').click();
  const second = await ask(page, question);
  await waitForAnswer(second);
  await expect(second.getByTestId('metrics')).toHaveAttribute('data-cached', 'true');
  await expect(second.getByTestId('metrics')).toContainText('cached');
  expect(await second.getByTestId('message-text').textContent()).toBe(firstText);
});
