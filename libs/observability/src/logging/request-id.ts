/**
 * Request ids: a caller's X-Request-Id is kept when it is well-formed (so a trace across
 * services keeps one id), otherwise a fresh UUID; never an arbitrary string in our logs.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Fastify's `genReqId`: the caller's id when well-formed, else a new one. */
export function requestIdOf(request: IncomingMessage): string {
  return wellFormedRequestId(request.headers['x-request-id']) ?? randomUUID();
}

export function wellFormedRequestId(candidate: unknown): string | undefined {
  return typeof candidate === 'string' && WELL_FORMED_REQUEST_ID.test(candidate)
    ? candidate
    : undefined;
}
