import { unstable_doesMiddlewareMatch } from 'next/experimental/testing/server';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { config, proxy } from '@/proxy';

const prefetchHeaders: Record<string, string>[] = [
  { 'next-router-prefetch': '1' },
  { purpose: 'prefetch' },
  { 'sec-purpose': 'prefetch' },
  { 'next-router-prefetch': '1', 'next-router-segment-prefetch': '/__PAGE__', rsc: '1' },
];

describe('Content-Security-Policy on every page response, prefetches included', () => {
  it.each(prefetchHeaders)('the proxy runs for a page prefetched with %j', (headers) => {
    for (const url of ['/', '/login', '/dashboard']) {
      expect(unstable_doesMiddlewareMatch({ config, url, headers })).toBe(true);
    }
  });

  it.each(prefetchHeaders)('and answers it with a nonce policy (%j)', (headers) => {
    const response = proxy(new NextRequest('http://app.test/', { headers }));
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(policy).toContain("frame-ancestors 'none'");
  });

  it('leaves API and static asset paths to the fixed policy of next.config.js', () => {
    for (const url of ['/api/chat', '/v1/chat/completions', '/_next/static/chunk.js']) {
      expect(unstable_doesMiddlewareMatch({ config, url })).toBe(false);
    }
  });
});
