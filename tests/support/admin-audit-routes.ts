/** The login, audit, cache, health and metrics routes on loopback, for tests of the audit log over HTTP. */
import { NextRequest } from 'next/server';
import { GET as audit } from '@/app/api/admin/audit/route';
import { DELETE as invalidateCache } from '@/app/api/admin/cache/route';
import { GET as health } from '@/app/api/health/route';
import { POST as login } from '@/app/api/login/route';
import { GET as prometheus } from '@/app/api/metrics/route';
import type { AuditEvent } from '@/lib/audit/audit-log';
import { type RouteServer, serveRoute } from './route-server';

export interface AuditPageBody {
  events: AuditEvent[];
  nextCursor: string | null;
  corruptLines: number;
}

export interface AdminAuditRoutes {
  /** POST /api/login with `token`, and any extra headers (a forged user agent, say). */
  login(token: string, headers?: Record<string, string>): Promise<Response>;
  /** GET /api/admin/audit with the query string, as the admin. */
  audit(query?: string): Promise<Response>;
  /** The parsed body of a successful audit page. */
  auditPage(query?: string): Promise<AuditPageBody>;
  /** DELETE /api/admin/cache?collection=<name>: one audited admin action. */
  invalidateCache(collection: string): Promise<Response>;
  /** GET /api/health as the admin (components shown). */
  health(): Promise<Response>;
  /** GET /api/metrics (Prometheus text) as the admin. */
  metrics(): Promise<string>;
  close(): Promise<void>;
}

/** Serves the routes; `adminToken` must be the configured ADMIN_TOKEN. */
export async function startAdminAuditRoutes(adminToken: string): Promise<AdminAuditRoutes> {
  const servers: RouteServer[] = await Promise.all([
    serveRoute(login),
    serveRoute(audit),
    serveRoute((request) => invalidateCache(new NextRequest(request))),
    serveRoute(health),
    serveRoute(prometheus),
  ]);
  const [loginServer, auditServer, cacheServer, healthServer, metricsServer] = servers;
  const bearer = { authorization: `Bearer ${adminToken}` };
  const options = (headers: Record<string, string> = {}, method = 'GET'): RequestInit => ({
    method,
    headers,
    signal: AbortSignal.timeout(10_000),
  });
  const routes: AdminAuditRoutes = {
    login: (token, headers = {}) =>
      fetch(`${loginServer.url}/api/login`, {
        ...options({ 'content-type': 'application/json', ...headers }, 'POST'),
        body: JSON.stringify({ token }),
      }),
    audit: (query = '') => fetch(`${auditServer.url}/api/admin/audit${query}`, options(bearer)),
    auditPage: async (query = '') => {
      const response = await routes.audit(query);
      if (response.status !== 200) throw new Error(`audit page: ${response.status} ${await response.text()}`);
      return (await response.json()) as AuditPageBody;
    },
    invalidateCache: (collection) =>
      fetch(
        `${cacheServer.url}/api/admin/cache?collection=${encodeURIComponent(collection)}`,
        options(bearer, 'DELETE'),
      ),
    health: () => fetch(`${healthServer.url}/api/health`, options(bearer)),
    metrics: async () => (await fetch(`${metricsServer.url}/api/metrics`, options(bearer))).text(),
    close: async () => {
      await Promise.all(servers.map((server) => server.close()));
    },
  };
  return routes;
}
