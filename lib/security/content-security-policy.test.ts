import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce } from './content-security-policy';

const directives = (policy: string) =>
  Object.fromEntries(
    policy.split('; ').map((directive) => {
      const [name, ...values] = directive.split(' ');
      return [name, values];
    }),
  );

describe('contentSecurityPolicy', () => {
  const nonce = createNonce();
  const production = directives(contentSecurityPolicy({ nonce, development: false, https: false }));

  it('allows only own and nonced scripts in production, never eval or inline', () => {
    expect(production['script-src']).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(JSON.stringify(production)).not.toMatch(/unsafe-eval|'unsafe-inline'.*script/);
  });

  it('forbids framing, plugins and foreign form targets', () => {
    expect(production['frame-ancestors']).toEqual(["'none'"]);
    expect(production['object-src']).toEqual(["'none'"]);
    expect(production['form-action']).toEqual(["'self'"]);
    expect(production['base-uri']).toEqual(["'self'"]);
  });

  it('adds eval and hot-reload sockets only in development', () => {
    const development = directives(contentSecurityPolicy({ nonce, development: true, https: false }));
    expect(development['script-src']).toContain("'unsafe-eval'");
    expect(development['connect-src']).toContain('ws:');
    expect(production['connect-src']).toEqual(["'self'"]);
  });

  it('upgrades insecure requests only over HTTPS', () => {
    expect(contentSecurityPolicy({ nonce, development: false, https: true })).toContain(
      'upgrade-insecure-requests',
    );
    expect(production['upgrade-insecure-requests']).toBeUndefined();
  });

  it('makes a new 128-bit nonce every time', () => {
    const second = createNonce();
    expect(second).not.toBe(nonce);
    expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});
