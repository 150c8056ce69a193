/**
 * Loaded by Node before main.js (`node --import ./instrumentation.js main.js`): tracing starts
 * before anything it instruments is loaded. An invalid environment stops here, as in main.ts.
 */
import { loadConfigOrExit } from '@beacon/config';
import { startTracing } from '@beacon/observability/tracing';
import { helpAsked } from './start-usage';

if (!helpAsked()) startTracing(loadConfigOrExit('worker'));
