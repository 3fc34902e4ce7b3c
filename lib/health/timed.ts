/** Runs `work` and returns its result with how long it took in milliseconds. */
export async function timed<Result>(work: () => Promise<Result> | Result): Promise<[Result, number]> {
  const started = performance.now();
  const result = await work();
  return [result, Math.round((performance.now() - started) * 10) / 10];
}
