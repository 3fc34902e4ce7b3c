import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'Docs Chat',
  description: 'Chat with your documentation: streamed, cited answers.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

// Rendered per request so every page gets its own CSP nonce from proxy.ts; a prerendered page
// would carry no nonce and its scripts would be blocked.
export const dynamic = 'force-dynamic';

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
