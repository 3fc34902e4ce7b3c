import { processSingleton } from '../runtime/process-singleton';

const state = processSingleton('in-flight-turns', () => ({ count: 0 }));

/**
 * Counts a turn as in flight until the returned function is called (call it in `finally`;
 * extra calls are ignored). Feeds the in-flight gauge and the dashboard.
 */
export function trackInFlight(): () => void {
  state.count += 1;
  let finished = false;
  return () => {
    if (finished) return;
    finished = true;
    state.count -= 1;
  };
}

/** Turns currently in flight in this process. */
export function inFlightTurns(): number {
  return state.count;
}
