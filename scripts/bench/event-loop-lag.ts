import { monitorEventLoopDelay } from 'node:perf_hooks';

/** How late this process's timers ran while a scenario ran, in ms. */
export interface EventLoopLag {
  p50: number;
  p99: number;
  max: number;
}

/**
 * Watches this process's event-loop delay. The fake upstream's token timers run in this
 * process, so its lateness is the share of a measured delay that belongs to the load
 * generator, not to the server under test.
 */
export function startEventLoopLag(): { stop(): EventLoopLag } {
  const resolutionMs = 5;
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  // Each sample is the whole interval of the monitor's own timer; the lag is what exceeds it.
  const milliseconds = (nanoseconds: number) =>
    Math.max(0, Math.round(nanoseconds / 10_000 - resolutionMs * 100) / 100);
  return {
    stop() {
      histogram.disable();
      const lag = {
        p50: milliseconds(histogram.percentile(50)),
        p99: milliseconds(histogram.percentile(99)),
        max: milliseconds(histogram.max),
      };
      histogram.reset();
      return lag;
    },
  };
}
