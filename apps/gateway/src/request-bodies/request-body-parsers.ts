/**
 * The gateway's request body parsers, in place of Nest's: JSON everywhere, urlencoded only on
 * routes marked `@TakesFormBody()`, nothing else (415). JSON goes through secure-json-parse, as
 * in Fastify, refusing `__proto__` and `constructor.prototype` keys, but a refusal says why:
 * Fastify's own parser answers every failure with "Body is not valid JSON", even valid JSON with
 * a forbidden key. Fastify's body limit applies to both.
 */
import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { takesFormBody } from './form-body.decorator';

class InvalidBodyError extends Error {
  readonly statusCode = 400;
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
}
