/** Sends an error body: its status, the request id header, JSON. */
import type { FastifyReply } from 'fastify';
import type { HttpErrorBody } from './http-error-body';

export function sendHttpErrorBody(reply: FastifyReply, body: HttpErrorBody): void {
  void reply
    .status(body.statusCode)
    .header('x-request-id', body.requestId)
    .type('application/json; charset=utf-8')
    .send(body);
}
