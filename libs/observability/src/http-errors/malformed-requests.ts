/**
 * Requests that never reach a router, answered in the apps' error body rather than Node's or
 * Fastify's own: a malformed request line or header, headers (or a URL) over Node's limit, bad
 * framing (Content-Length with Transfer-Encoding, a broken chunk), a request too slow to
 * arrive. Node parses HTTP below Fastify and hands those to the server's `clientError` listener
 * with the bare socket: the answer is written there, with a fresh request id (also in the debug
 * log line, as the request never had one), and the connection closes, as Node's would: after a
 * parse error the rest of the stream cannot be trusted.
 *
 * An HTTP/1.1 request without Host is one more: Node would answer it with an empty 400 of its
 * own, so the server lets it through (`requireHostHeader: false`) and a hook refuses it.
 */
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import { httpErrorBody } from './http-error-body';
import { sendHttpErrorBody } from './http-error.reply';

interface ClientError extends Error {
  code?: string;
  /** llhttp's reason for a parse error ("Invalid header token"): fixed text, safe to show. */
  reason?: string;
}

/** The Fastify options of an app whose malformed requests get the error body. */
export function malformedRequestOptions(logger: Logger) {
  return {
    clientErrorHandler: clientErrorHandler(logger),
    http: { requireHostHeader: false },
  };
}

/** Node's `clientError` listener (also the metrics port's, on plain node:http). */
export function clientErrorHandler(logger: Logger): (error: Error, socket: Socket) => void {
  return (error: ClientError, socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const requestId = randomUUID();
    const [statusCode, message] = statusAndMessage(error);
    logger.debug({ requestId, code: error.code, statusCode }, 'malformed request refused');
    // A parse error in a body whose response has begun: another status line would corrupt it.
    const inFlight = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
    if (!socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const body = JSON.stringify(httpErrorBody(statusCode, message, requestId));
    const head = [
      `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}`,
      'content-type: application/json; charset=utf-8',
      `content-length: ${Buffer.byteLength(body)}`,
      `x-request-id: ${requestId}`,
      'connection: close',
    ];
    socket.end(`${head.join('\r\n')}\r\n\r\n${body}`, () => socket.destroy());
  };
}

function statusAndMessage(error: ClientError): [number, string] {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return [408, 'The request took too long to arrive'];
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return [431, 'The request line and headers are larger than the server accepts'];
  }
  const reason = error.code?.startsWith('HPE_') && error.reason ? `: ${error.reason}` : '';
  return [400, `Malformed HTTP request${reason}`];
}

export function refuseRequestsWithoutHost(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.headers.host !== undefined || request.raw.httpVersion !== '1.1') {
      done();
      return;
    }
    sendHttpErrorBody(reply, httpErrorBody(400, 'Missing Host header', request.id));
  });
}
