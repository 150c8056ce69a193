/**
 * The tracing entry of libs/observability, apart from its main index: it must load before
 * Nest and everything else, so it imports nothing of Nest itself.
 */
export { startTracing, stopTracing } from './start-tracing';
