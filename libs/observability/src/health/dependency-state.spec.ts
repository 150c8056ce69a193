import { describe, expect, it } from 'vitest';
import { DependencyState, type CheckResult } from './dependency-state';

const PASS: CheckResult = { passed: true };
const FAIL: CheckResult = { passed: false, reason: 'connect ECONNREFUSED' };

function stateAfter(results: CheckResult[], unhealthyThreshold = 3, healthyThreshold = 2) {
  const state = new DependencyState({ unhealthyThreshold, healthyThreshold });
  const transitions = results.map((result) => state.record(result));
  return { state, transitions };
}

describe('DependencyState', () => {
  it('takes the first result at once, either way', () => {
    expect(stateAfter([PASS]).state.up).toBe(true);
    expect(stateAfter([PASS]).transitions).toEqual(['up']);
    expect(stateAfter([FAIL]).state.up).toBe(false);
    expect(stateAfter([FAIL]).transitions).toEqual(['down']);
  });

  it('is not up before any result', () => {
    const state = new DependencyState({ unhealthyThreshold: 3, healthyThreshold: 2 });
    expect(state.up).toBe(false);
    expect(state.since).toBeUndefined();
  });

  it('turns down only after the unhealthy threshold of failures in a row', () => {
    const { state, transitions } = stateAfter([PASS, FAIL, FAIL, FAIL]);
    expect(transitions).toEqual(['up', undefined, undefined, 'down']);
    expect(state.up).toBe(false);
  });

  it('starts counting failures again after a success', () => {
    const { state, transitions } = stateAfter([PASS, FAIL, FAIL, PASS, FAIL, FAIL]);
    expect(transitions.filter(Boolean)).toEqual(['up']);
    expect(state.up).toBe(true);
  });

  it('turns up again only after the healthy threshold of successes in a row', () => {
    const { state, transitions } = stateAfter([FAIL, PASS, FAIL, PASS, PASS]);
    expect(transitions).toEqual(['down', undefined, undefined, undefined, 'up']);
    expect(state.up).toBe(true);
  });

  it('changes with every disagreeing result when both thresholds are 1', () => {
    expect(stateAfter([PASS, FAIL, PASS, FAIL], 1, 1).transitions).toEqual([
      'up',
      'down',
      'up',
      'down',
    ]);
  });

  it('reads the thresholds at each result', () => {
    const thresholds = { unhealthyThreshold: 3, healthyThreshold: 2 };
    const state = new DependencyState(thresholds);
    state.record(PASS);
    state.record(FAIL);
    thresholds.unhealthyThreshold = 2;
    expect(state.record(FAIL)).toBe('down');
  });

  it("keeps the last failure's reason, even while still up, until a check passes", () => {
    const { state } = stateAfter([PASS, FAIL]);
    expect(state.up).toBe(true);
    expect(state.failure).toBe('connect ECONNREFUSED');
    state.record(PASS);
    expect(state.failure).toBeUndefined();
  });

  it('dates the last change, not the last result', () => {
    const state = new DependencyState({ unhealthyThreshold: 2, healthyThreshold: 2 });
    state.record(PASS, new Date('2026-12-01T10:00:00Z'));
    state.record(FAIL, new Date('2026-12-01T10:00:05Z'));
    expect(state.since).toEqual(new Date('2026-12-01T10:00:00Z'));
    state.record(FAIL, new Date('2026-12-01T10:00:10Z'));
    expect(state.since).toEqual(new Date('2026-12-01T10:00:10Z'));
  });
});
