export {
  BREAKER_STATE,
  createCircuitBreaker,
  isBreakerRefusal,
  type Breaker,
  type BreakerOptions,
} from './circuit-breaker';
