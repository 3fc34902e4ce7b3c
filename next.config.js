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
};

module.exports = nextConfig;
