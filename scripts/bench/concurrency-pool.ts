/**
 * Runs `task(0..total-1)` with at most `concurrency` in flight (a closed loop: each worker
 * starts its next request when the previous one ends). Results keep task order.
 *
 * `staggerMs` spreads the workers' first starts evenly over that time. Set it to about one
 * task's duration to measure a steady state of `concurrency` overlapping requests; otherwise
 * every worker starts at once and stays in step, measuring a burst of simultaneous arrivals.
 */
export async function runPool<T>(
  total: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
  staggerMs = 0,
): Promise<T[]> {
  const results = new Array<T>(total);
  const workers = Math.max(1, Math.min(concurrency, total));
  let next = 0;
  const worker = async (position: number) => {
    const delay = (staggerMs * position) / workers;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    while (next < total) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, position) => worker(position)));
  return results;
}

/**
 * Keeps `concurrency` tasks in flight until `durationMs` has passed (no new task starts after
 * it) or `maxTasks` have started, whichever is first; returns every result and the wall time
 * from the first start to the last completion.
 */
export async function runForDuration<T>(
  durationMs: number,
  concurrency: number,
  maxTasks: number,
  task: (index: number) => Promise<T>,
): Promise<{ results: T[]; elapsedMs: number }> {
  const results: T[] = [];
  const start = performance.now();
  let started = 0;
  const worker = async () => {
    while (started < maxTasks && performance.now() - start < durationMs) {
      results.push(await task(started++));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return { results, elapsedMs: performance.now() - start };
}
