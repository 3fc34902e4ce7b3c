/** A fresh, unguessable nonce for one page response (128 random bits, base64). */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

/**
 * The Content-Security-Policy for a page. Scripts run only from this origin or with this
 * response's nonce (Next.js puts it on its own bootstrap scripts), never from inline
 * handlers or `eval`; nothing may frame the app. Development adds what React's dev tooling
 * and hot reload need.
 */
export function contentSecurityPolicy(options: {
  nonce: string;
  development: boolean;
  https: boolean;
}): string {
  const { nonce, development } = options;
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    // Charts and layout set style attributes; attributes cannot run script.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (options.https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}
