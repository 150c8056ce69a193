import { BadRequestException, NotFoundException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import {
  LinkExhaustedError,
  LinkExpiredError,
  LinkNotFoundError,
  SlugTakenError,
} from '../links/link.errors';
import { RequestValidationError } from './domain.error';
import { toHttpErrorBody } from './http-error-body';

describe('toHttpErrorBody', () => {
  it.each([
    [new LinkNotFoundError('x'), 404, 'Not Found'],
    [new LinkExpiredError('x'), 410, 'Gone'],
    [new LinkExhaustedError('x'), 410, 'Gone'],
    [new SlugTakenError('x'), 409, 'Conflict'],
  ])('maps %s to its status', (error, statusCode, name) => {
    expect(toHttpErrorBody(error, 'req-1')).toEqual({
      statusCode,
      error: name,
      message: error.message,
      requestId: 'req-1',
    });
  });

  it('lists the fields of a validation error', () => {
    const error = new RequestValidationError([{ field: 'url', message: 'must use http or https' }]);
    expect(toHttpErrorBody(error, 'req-2')).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Invalid request: url: must use http or https',
      requestId: 'req-2',
      fields: [{ field: 'url', message: 'must use http or https' }],
    });
  });

  it("keeps Nest's HTTP exceptions and Fastify's client errors", () => {
    expect(toHttpErrorBody(new NotFoundException('Cannot GET /x'), 'r')).toMatchObject({
      statusCode: 404,
      message: 'Cannot GET /x',
    });
    expect(toHttpErrorBody(new BadRequestException(['a', 'b']), 'r').message).toBe('a; b');
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413 });
    expect(toHttpErrorBody(tooLarge, 'r')).toMatchObject({
      statusCode: 413,
      error: 'Payload Too Large',
    });
  });

  it('hides everything about unexpected errors', () => {
    const leaky = Object.assign(new Error("ER_ACCESS_DENIED for 'root'@'db' at /app/x.ts:1"), {
      statusCode: 503,
    });
    expect(toHttpErrorBody(leaky, 'r')).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Internal server error',
      requestId: 'r',
    });
    expect(toHttpErrorBody('a thrown string', 'r').statusCode).toBe(500);
  });
});
