/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native modules and LangChain stay as plain Node requires instead of being bundled.
  serverExternalPackages: [
    'faiss-node',
    'better-sqlite3',
    '@langchain/community',
    '@langchain/openai',
    '@langchain/core',
    'prom-client',
  ],
  poweredByHeader: false,
  // The start-up sign-in link `/login?token=...` goes to a route handler, which can set the
  // session cookie and redirect without the token; the plain `/login` page is the form.
  async rewrites() {
    return {
      beforeFiles: [
        { source: '/login', has: [{ type: 'query', key: 'token' }], destination: '/api/login/link' },
      ],
    };
  },
  // Page responses also get a per-request nonce Content-Security-Policy from proxy.ts.
  async headers() {
    const everywhere = [
      { key: 'X-Content-Type-Options', value: 'nosniff' },
      { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
      { key: 'X-Frame-Options', value: 'DENY' },
      { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
      { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
    ];
    const apiPolicy = { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" };
    return [
      { source: '/:path*', headers: everywhere },
      { source: '/api/:path*', headers: [apiPolicy] },
      { source: '/v1/:path*', headers: [apiPolicy] },
    ];
  },
};

module.exports = nextConfig;
