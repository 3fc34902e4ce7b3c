import http from 'node:http';
import type { Duplex } from 'node:stream';
import { AppError, errorBody } from '../errors';
import { logger } from '../logger';
import { apiRequestRefusal } from './api-request-guard';
import { isTrustedPeer } from './client-address';

/** Handles one request, e.g. Next.js's `app.getRequestHandler()`. */
export type NodeRequestHandler = (request: http.IncomingMessage, response: http.ServerResponse) => unknown;

/**
 * Rewrites the forwarding headers of an incoming request the way a proxy would: the
 * socket's peer address is appended to X-Forwarded-For and replaces X-Real-IP. Route
 * handlers never see the socket; this makes the header's last hop the real peer, so what a
 * client writes can only ever sit to its left, where lib/http/client-address reads it only
 * through the proxies `TRUST_PROXY` names. X-Forwarded-Proto and X-Forwarded-Host are
 * dropped unless the peer is such a proxy: otherwise the client wrote them.
 */
export function forwardPeerAddress(request: http.IncomingMessage): void {
  const peer = request.socket.remoteAddress ?? 'unknown';
  if (!isTrustedPeer(request.socket.remoteAddress)) {
    delete request.headers['x-forwarded-proto'];
    delete request.headers['x-forwarded-host'];
  }
  const sent = request.headers['x-forwarded-for'];
  const chain = (Array.isArray(sent) ? sent.join(', ') : (sent ?? '')).trim();
  request.headers['x-forwarded-for'] = chain ? `${chain}, ${peer}` : peer;
  request.headers['x-real-ip'] = peer;
}

function sendError(response: http.ServerResponse, error: AppError): void {
  response.writeHead(error.status, {
    'content-type': 'application/json',
    'x-content-type-options': 'nosniff',
  });
  response.end(JSON.stringify(errorBody(error)));
}

/**
 * The HTTP server `npm start` runs: every request gets its real peer chain
 * ({@link forwardPeerAddress}) before `handle` (Next.js) sees it; API requests no route
 * could serve (see lib/http/api-request-guard) get a JSON error instead of Next.js's bare
 * one. A handler that throws is logged and answered with a JSON 500 rather than leaving the
 * connection hanging.
 */
export function createProductionServer(handle: NodeRequestHandler): http.Server {
  const server = http.createServer((request, response) => {
    forwardPeerAddress(request);
    const refusal = apiRequestRefusal(request.method, request.url);
    if (refusal) {
      logger.warn('request_refused', { code: refusal.code, detail: refusal.detail });
      sendError(response, refusal);
      return;
    }
    Promise.resolve()
      .then(() => handle(request, response))
      .catch((error: unknown) => {
        logger.error('request_handler_failed', { error, url: request.url });
        if (response.headersSent) {
          response.destroy();
          return;
        }
        sendError(response, new AppError('internal'));
      });
  });
  server.on('clientError', answerUnparsableRequest);
  return server;
}

/**
 * Node's HTTP parser refuses a request it cannot read (an invented method, broken framing,
 * headers too large) before any handler runs, with an empty 400; this sends the same
 * statuses with a JSON body.
 */
function answerUnparsableRequest(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status =
    error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify(
    errorBody(new AppError('bad_request', { publicMessage: 'The request could not be read as HTTP.' })),
  );
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\ncontent-type: application/json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
