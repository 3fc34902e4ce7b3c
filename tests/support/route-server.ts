/** Serves a fetch-style route handler over real HTTP on loopback, the way Next.js runs it. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { forwardPeerAddress } from '@/lib/http/production-server';

export interface RouteServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

function toHeaders(incoming: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value])
      headers.append(name, item);
  }
  return headers;
}

async function readBody(request: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface ServeRouteOptions {
  /**
   * Rewrite the forwarding headers with the socket's peer as the production server does
   * (lib/http/production-server), so client identity is decided as in production. Off by
   * default: tests then name their client with a plain X-Forwarded-For header.
   */
  forwardPeer?: boolean;
}

/**
 * Starts a server that turns each request into a `Request` whose signal aborts when the
 * client disconnects (as Next.js does), and streams the handler's `Response` back.
 */
export async function serveRoute(
  handler: (request: Request) => Promise<Response> | Response,
  options: ServeRouteOptions = {},
): Promise<RouteServer> {
  const server = http.createServer(async (incoming, outgoing) => {
    if (options.forwardPeer) forwardPeerAddress(incoming);
    const controller = new AbortController();
    outgoing.on('close', () => {
      if (!outgoing.writableFinished) controller.abort(new Error('client disconnected'));
    });
    const body = await readBody(incoming);
    const request = new Request(`http://127.0.0.1${incoming.url ?? '/'}`, {
      method: incoming.method,
      headers: toHeaders(incoming.headers),
      body: incoming.method === 'GET' || incoming.method === 'HEAD' ? undefined : new Uint8Array(body),
      signal: controller.signal,
    });
    const response = await handler(request);
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body) {
      outgoing.end();
      return;
    }
    const reader = response.body.getReader();
    outgoing.on('close', () => void reader.cancel().catch(() => undefined));
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        outgoing.write(value);
      }
    } catch {
      // The body was cancelled because the client left.
    }
    outgoing.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
