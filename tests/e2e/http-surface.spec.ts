import { expect, test } from '@playwright/test';

// Checks of the production server's HTTP surface; one project is enough.
test.beforeEach(() => {
  test.skip(test.info().project.name !== 'local', 'exercised from the local project');
});

const prefetchHeaders: Record<string, string>[] = [
  { 'next-router-prefetch': '1' },
  { purpose: 'prefetch' },
  { 'sec-purpose': 'prefetch' },
];

test('a prefetched page carries the nonce Content-Security-Policy', async ({ request }) => {
  for (const headers of prefetchHeaders) {
    const response = await request.get('/', { headers });
    expect(response.status()).toBe(200);
    expect(response.headers()['content-security-policy']).toMatch(
      /script-src 'self' 'nonce-[^']+' 'strict-dynamic'/,
    );
  }
});

test('wrong methods, unknown API paths and non-JSON bodies get JSON errors', async ({ request }) => {
  const wrongMethod = await request.put('/api/chat');
  expect(wrongMethod.status()).toBe(405);
  expect(wrongMethod.headers().allow).toBe('POST, OPTIONS');
  expect((await wrongMethod.json()).error.code).toBe('method_not_allowed');

  const unknown = await request.get('/api/no-such-endpoint');
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).error.code).toBe('not_found');

  const form = await request.post('/api/feedback', {
    headers: { 'content-type': 'text/plain' },
    data: '{"turnId":"x","rating":"up"}',
  });
  expect(form.status()).toBe(415);
  expect((await form.json()).error.code).toBe('unsupported_media_type');
});
