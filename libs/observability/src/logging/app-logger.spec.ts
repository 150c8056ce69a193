import { loadConfig } from '@beacon/config';
import pino from 'pino';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createAppLogger, REDACTED } from './app-logger';
import { runWithRequestId } from './request-context';

/** The app logger's options, writing into an array instead of stdout. */
function capturedLogger(): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  const config = loadConfig('gateway', { JWT_SECRET: 'unit', NODE_ENV: 'test' });
  const logger = createAppLogger(config, sink);
  return {
    logger,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line)),
  };
}

describe('createAppLogger', () => {
  it('writes JSON lines with a level label, the app and the request id in context', () => {
    const { logger, lines } = capturedLogger();
    runWithRequestId('req-12345678', () => logger.info('inside'));
    logger.info('outside');
    const [inside, outside] = lines();
    expect(inside).toMatchObject({
      level: 'info',
      app: 'gateway',
      requestId: 'req-12345678',
      msg: 'inside',
    });
    expect(outside).not.toHaveProperty('requestId');
  });

  it('redacts secrets at the top level, one level down and in headers', () => {
    const { logger, lines } = capturedLogger();
    logger.info(
      {
        password: 'hunter2',
        token: 't0k3n',
        user: { email: 'a@example.com', password: 'hunter2', refreshToken: 'r' },
        req: {
          headers: {
            authorization: 'Bearer abc',
            cookie: 'session=1',
            'x-metrics-token': 'metrics-secret',
            'x-api-key': 'bk_0123abcd_secret',
            'user-agent': 'curl',
          },
        },
      },
      'login',
    );
    const [line] = lines();
    const text = JSON.stringify(line);
    for (const secret of [
      'hunter2',
      't0k3n',
      'Bearer abc',
      'session=1',
      'metrics-secret',
      'bk_0123abcd_secret',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(line).toMatchObject({
      password: REDACTED,
      user: { email: 'a@example.com', password: REDACTED, refreshToken: REDACTED },
      req: {
        headers: {
          authorization: REDACTED,
          'x-metrics-token': REDACTED,
          'x-api-key': REDACTED,
          'user-agent': 'curl',
        },
      },
    });
  });
});
