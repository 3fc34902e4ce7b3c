/** The admin surfaces and the login routes served together on loopback, as one app would. */
import { NextRequest } from 'next/server';
import { GET as audit } from '@/app/api/admin/audit/route';
import { DELETE as invalidateCache } from '@/app/api/admin/cache/route';
import { GET as exportFeedback } from '@/app/api/feedback/export/route';
import { GET as health } from '@/app/api/health/route';
import { GET as signInLink } from '@/app/api/login/link/route';
import { POST as login, DELETE as logout } from '@/app/api/login/route';
import { GET as prometheus } from '@/app/api/metrics/route';
import { GET as summary } from '@/app/api/metrics/summary/route';
import { type RouteServer, serveRoute } from './route-server';

type Handler = (request: NextRequest) => Promise<Response> | Response;

/** Method and path of every admin-only endpoint, with its handler. */
export const adminEndpoints: { method: string; path: string; handler: Handler }[] = [
  { method: 'GET', path: '/api/metrics/summary', handler: summary },
  { method: 'GET', path: '/api/metrics', handler: prometheus },
  { method: 'GET', path: '/api/feedback/export', handler: exportFeedback },
  { method: 'GET', path: '/api/admin/audit', handler: audit },
  { method: 'DELETE', path: '/api/admin/cache', handler: invalidateCache },
];

const otherEndpoints: { method: string; path: string; handler: Handler }[] = [
  { method: 'GET', path: '/api/health', handler: health },
  { method: 'POST', path: '/api/login', handler: login },
  { method: 'DELETE', path: '/api/login', handler: logout },
  // next.config.js rewrites `/login?token=...` to the link handler.
  { method: 'GET', path: '/login', handler: signInLink },
];

/** Serves the admin routes; an unknown method or path gets a 404. */
export function serveAdminApp(): Promise<RouteServer> {
  return serveRoute(async (request) => {
    const { pathname } = new URL(request.url);
    const endpoint = [...adminEndpoints, ...otherEndpoints].find(
      (candidate) => candidate.method === request.method && candidate.path === pathname,
    );
    if (!endpoint) return new Response('not found', { status: 404 });
    return endpoint.handler(new NextRequest(request));
  });
}

/** The `name=value` part of a response's Set-Cookie header, to send back as a Cookie header. */
export function cookieOf(response: Response): string {
  return (response.headers.get('set-cookie') ?? '').split(';')[0];
}
