import { Injectable, Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { watchTerminal } from './terminal-watch';
import { appLogSink } from './test-log-sink';

@Injectable()
class Complainer {
  private readonly logger = new Logger(Complainer.name);

  complain(): void {
    this.logger.error('deliberate failure inside a testing module');
  }
}

/** Nest's logger as test-log.setup.ts leaves it for every spec and suite file. */
describe('Nest’s logger in the test runs', () => {
  it('writes a deliberate error into the suite’s log file, not to the terminal', () => {
    const terminal = watchTerminal();
    try {
      new Logger('Spec').error('deliberate failure', new Error('boom').stack);
    } finally {
      terminal.stop();
    }
    expect(terminal.written).toEqual([]);
    const line = JSON.parse(appLogSink().tail().at(-1)!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'error', context: 'Spec', msg: 'deliberate failure' });
    expect(readFileSync(appLogSink().path, 'utf8')).toContain('Error: boom');
  });

  it('keeps doing so once a testing module has compiled', async () => {
    const module = await Test.createTestingModule({ providers: [Complainer] }).compile();
    const terminal = watchTerminal();
    try {
      module.get(Complainer).complain();
    } finally {
      terminal.stop();
    }
    expect(terminal.written).toEqual([]);
    expect(appLogSink().tail().at(-1)).toContain('deliberate failure inside a testing module');
  });
});
