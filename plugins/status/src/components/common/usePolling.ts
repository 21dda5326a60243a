import { useCallback, useEffect, useRef, useState } from 'react';

/** How often the status views ask the backend again. */
export const POLL_INTERVAL_MS = 15_000;

/** The state of a value read now and again every interval. */
export type Polled<T> = {
  /** The last value read successfully; kept while a later read fails. */
  value?: T;
  /** The error of the last read, if it failed. */
  error?: Error;
  /** True until the first read ends. */
  loading: boolean;
  /** When `value` was read. */
  updatedAt?: Date;
  /** Reads again now. */
  retry: () => void;
};

/**
 * Reads a value, then again every `intervalMs` while the page is visible,
 * keeping the last good value on screen when a read fails, so a reader never
 * loses what they were looking at to a passing network error.
 */
export function usePolling<T>(
  read: () => Promise<T>,
  deps: unknown[],
  intervalMs: number = POLL_INTERVAL_MS,
  /** Reads again whenever this changes, e.g. a count of pushed changes. */
  refreshOn?: unknown,
): Polled<T> {
  const [state, setState] = useState<Omit<Polled<T>, 'retry'>>({
    loading: true,
  });
  const generation = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const stableRead = useCallback(read, deps);

  const run = useCallback(() => {
    const mine = ++generation.current;
    let reading: Promise<T>;
    try {
      reading = stableRead();
    } catch (error) {
      // a read that throws at once fails like one that rejects
      reading = Promise.reject(error);
    }
    reading.then(
      value => {
        if (mine === generation.current)
          setState({ value, loading: false, updatedAt: new Date() });
      },
      error => {
        if (mine === generation.current)
          setState(previous => ({ ...previous, error, loading: false }));
      },
    );
  }, [stableRead]);

  useEffect(() => {
    const current = generation;
    setState({ loading: true });
    run();
    // an infinite interval: read once, and again only on demand
    const timer = Number.isFinite(intervalMs)
      ? setInterval(() => {
          if (typeof document === 'undefined' || !document.hidden) run();
        }, intervalMs)
      : undefined;
    return () => {
      if (timer) clearInterval(timer);
      // answers still on their way belong to an earlier entity: drop them
      current.current++;
    };
  }, [run, intervalMs]);

  // a pushed change: read now, keeping what is on screen until the answer comes
  const lastRefreshOn = useRef(refreshOn);
  useEffect(() => {
    if (Object.is(lastRefreshOn.current, refreshOn)) return;
    lastRefreshOn.current = refreshOn;
    run();
  }, [refreshOn, run]);

  return { ...state, retry: run };
}
