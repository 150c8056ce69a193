export {
  CircuitBreaker,
  type BreakerOptions,
  type BreakerSettings,
  type BreakerState,
} from './circuit-breaker';
export {
  CallTimeoutError,
  CircuitOpenError,
  isBreakerRefusal,
  isOpenCircuit,
} from './circuit-breaker.errors';
export { shutDownGracefullyOnSignals, type GracefulShutdownOptions } from './graceful-shutdown';
