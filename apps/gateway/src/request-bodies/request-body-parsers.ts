/**
 * The gateway's request body parsers, in place of Nest's: JSON everywhere, urlencoded only on
 * routes marked `@TakesFormBody()`, CSV for the links import, nothing else (415). JSON goes
 * through secure-json-parse, as in Fastify, refusing `__proto__` and `constructor.prototype`
 * keys, but a refusal says why: Fastify's own parser answers every failure with "Body is not
 * valid JSON", even valid JSON with a forbidden key. Fastify's body limit applies to both. A CSV
 * body is handed over as a stream, read as it arrives, under its own larger limit (Fastify does
 * not count a streamed body).
 */
import type { FastifyInstance } from 'fastify';
import { Transform, type Readable } from 'node:stream';
import secureJson from 'secure-json-parse';
import { takesFormBody } from './form-body.decorator';

/** 10,000 import rows of a few hundred bytes each fit with room to spare. */
export const CSV_BODY_LIMIT_BYTES = 5 * 1024 * 1024;

class InvalidBodyError extends Error {
  readonly statusCode = 400;
}

export class BodyTooLargeError extends Error {
  readonly statusCode = 413;

  constructor(limit: number) {
    super(`Request body is larger than ${limit} bytes`);
  }
}

class UnsupportedBodyError extends Error {
  readonly statusCode = 415;
}

export function parseBodies(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (_request, body, done) => {
      if (body === '') {
        done(new InvalidBodyError('Body cannot be empty when content-type is application/json'));
        return;
      }
      try {
        done(
          null,
          secureJson.parse(body as string, { protoAction: 'error', constructorAction: 'error' }),
        );
      } catch (error) {
        done(new InvalidBodyError(`Invalid JSON body: ${(error as Error).message}`));
      }
    },
  );
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (request, body, done) => {
      if (!takesFormBody(request)) {
        done(new UnsupportedBodyError('Unsupported Media Type: send application/json'));
        return;
      }
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );
  // No early refusal on content-length: answering before the body is read makes clients that
  // are still sending it (fetch among them) fail with EPIPE instead of reading the answer.
  fastify.addContentTypeParser('text/csv', (_request, payload, done) =>
    done(null, limitBytes(payload, CSV_BODY_LIMIT_BYTES)),
  );
}

/** The stream, failing with BodyTooLargeError once more than `limit` bytes came in. */
function limitBytes(source: Readable, limit: number): Readable {
  let seen = 0;
  const limited = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen <= limit) return callback(null, chunk);
      // The rest is read and dropped: a client blocked sending it would never read the answer.
      source.unpipe(limited);
      source.resume();
      callback(new BodyTooLargeError(limit));
    },
  });
  source.on('error', (error) => limited.destroy(error));
  return source.pipe(limited);
}
