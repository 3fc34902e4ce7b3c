import http from 'node:http';
import { AppError, errorBody } from '../errors';
import { logger } from '../logger';

/** Handles one request, e.g. Next.js's `app.getRequestHandler()`. */
export type NodeRequestHandler = (request: http.IncomingMessage, response: http.ServerResponse) => unknown;

/**
 * Rewrites the forwarding headers of an incoming request the way a proxy would: the
 * socket's peer address is appended to X-Forwarded-For and replaces X-Real-IP. Route
 * handlers never see the socket; this makes the header's last hop the real peer, so what a
 * client writes can only ever sit to its left, where lib/http/client-address reads it only
 * through the proxies `TRUST_PROXY` names.
 */
export function forwardPeerAddress(request: http.IncomingMessage): void {
  const peer = request.socket.remoteAddress ?? 'unknown';
  const sent = request.headers['x-forwarded-for'];
  const chain = (Array.isArray(sent) ? sent.join(', ') : (sent ?? '')).trim();
  request.headers['x-forwarded-for'] = chain ? `${chain}, ${peer}` : peer;
  request.headers['x-real-ip'] = peer;
}

/**
 * The HTTP server `npm start` runs: every request gets its real peer chain
 * ({@link forwardPeerAddress}) before `handle` (Next.js) sees it. A handler that throws
 * is logged and answered with a JSON 500 rather than leaving the connection hanging.
 */
export function createProductionServer(handle: NodeRequestHandler): http.Server {
  return http.createServer((request, response) => {
    forwardPeerAddress(request);
    Promise.resolve()
      .then(() => handle(request, response))
      .catch((error: unknown) => {
        logger.error('request_handler_failed', { error, url: request.url });
        if (response.headersSent) {
          response.destroy();
          return;
        }
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify(errorBody(new AppError('internal'))));
      });
  });
}
