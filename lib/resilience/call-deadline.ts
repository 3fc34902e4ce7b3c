import { raceAbort } from './race-abort';
import { UpstreamTimeoutError } from './upstream-errors';

/**
 * Runs `work` with a deadline for the whole call: on expiry its signal aborts with an
 * UpstreamTimeoutError('call') and the wait ends even if `work` ignores the signal.
 */
export async function withCallDeadline<T>(
  work: (signal: AbortSignal) => Promise<T>,
  limitMs: number,
  signal: AbortSignal,
): Promise<T> {
  const controller = new AbortController();
  const forwardAbort = () => controller.abort(signal.reason);
  if (signal.aborted) forwardAbort();
  else signal.addEventListener('abort', forwardAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new UpstreamTimeoutError('call', limitMs)), limitMs);
  try {
    return await raceAbort(work(controller.signal), controller.signal);
  } catch (error) {
    throw controller.signal.aborted ? controller.signal.reason : error;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', forwardAbort);
  }
}
