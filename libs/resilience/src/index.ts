export {
  BREAKER_STATE,
  createCircuitBreaker,
  isBreakerRefusal,
  isOpenCircuit,
  type Breaker,
  type BreakerOptions,
} from './circuit-breaker';
export { shutDownGracefullyOnSignals, type GracefulShutdownOptions } from './graceful-shutdown';
