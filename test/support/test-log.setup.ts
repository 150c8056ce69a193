/**
 * Setup of every spec and suite file: Nest's own logger writes into the suite's log file
 * (nest-log-sink.ts), and a failed test prints where that file is, with its last lines. A
 * passing run prints none of it: the file holds the errors that tests provoke on purpose.
 */
import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { beforeEach } from 'vitest';
import { NestLogSink } from './nest-log-sink';
import { openedAppLogSink } from './test-log-sink';

const nestLogSink = new NestLogSink();
Logger.overrideLogger(nestLogSink);

// A testing module replaces Nest's logger with its own (errors to the console) when it
// compiles, unless given one.
const createTestingModule = Test.createTestingModule.bind(Test);
Test.createTestingModule = (...args) => createTestingModule(...args).setLogger(nestLogSink);

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => {
    const sink = openedAppLogSink();
    if (sink) console.log(sink.report());
  });
});
