'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { DashboardSummary, MetricWindowKey } from '@/lib/contracts/dashboard';
import type { TurnFilterValues } from './turn-filters';

export const refreshIntervalMs = 5000;

export interface SummaryState {
  summary?: DashboardSummary;
  error?: string;
  loading: boolean;
  lastLoadedAt?: number;
  refresh: () => void;
}

async function readError(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    return body.error?.message ?? `The metrics request failed (${response.status}).`;
  } catch {
    return `The metrics request failed (${response.status}).`;
  }
}

/**
 * Polls /api/metrics/summary every few seconds (skipping while the tab is hidden) and
 * refetches at once when the window or filters change. A failed poll keeps the last data.
 */
export function useDashboardSummary(
  windowKey: MetricWindowKey,
  filters: TurnFilterValues,
  live: boolean,
): SummaryState {
  const [summary, setSummary] = useState<DashboardSummary>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [lastLoadedAt, setLastLoadedAt] = useState<number>();
  const inFlight = useRef<AbortController | undefined>(undefined);

  const query = new URLSearchParams({ window: windowKey });
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  const url = `/api/metrics/summary?${query}`;

  const load = useCallback(async () => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    try {
      const response = await fetch(url, { signal: controller.signal, cache: 'no-store' });
      // The admin session expired (ADMIN_TOKEN set): sign in again, then come back.
      if (response.status === 401) {
        window.location.assign('/login?next=/dashboard');
        return;
      }
      if (!response.ok) throw new Error(await readError(response));
      setSummary((await response.json()) as DashboardSummary);
      setError(undefined);
      setLastLoadedAt(Date.now());
    } catch (caught) {
      if (controller.signal.aborted) return;
      setError(caught instanceof Error ? caught.message : 'The metrics request failed.');
    } finally {
      if (inFlight.current === controller) setLoading(false);
    }
  }, [url]);

  useEffect(() => {
    setLoading(true);
    load();
    if (!live) return () => inFlight.current?.abort();
    const timer = setInterval(() => {
      if (!document.hidden) load();
    }, refreshIntervalMs);
    return () => {
      clearInterval(timer);
      inFlight.current?.abort();
    };
  }, [load, live]);

  return { summary, error, loading, lastLoadedAt, refresh: load };
}
