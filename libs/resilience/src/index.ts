export {
  BREAKER_STATE,
  createCircuitBreaker,
  type Breaker,
  type BreakerOptions,
} from './circuit-breaker';
