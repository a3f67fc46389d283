import { DependencyList, useRef } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';

/** How often the Thanos surfaces re-read the backend; its cache refreshes at about this pace. */
export const DEFAULT_REFRESH_INTERVAL_MS = 30_000;

/** @public */
export interface PolledValue<T> {
  /** The latest value that loaded, kept when a later refresh fails. */
  value?: T;
  /** Why the latest load failed, if it did. */
  error?: Error;
  loading: boolean;
  refresh: () => void;
}

/**
 * Loads once, then again every `intervalMs` (no polling when `intervalMs` is 0). The previous value
 * stays on screen while a refresh is under way and after a refresh fails, so the page neither
 * flashes a spinner every 30 s nor loses what it knew to one dropped request.
 */
export function usePolling<T>(
  load: () => Promise<T>,
  deps: DependencyList,
  intervalMs: number = DEFAULT_REFRESH_INTERVAL_MS,
): PolledValue<T> {
  const state = useAsyncRetry(load, deps);
  const lastValue = useRef<T>();
  if (state.value !== undefined) lastValue.current = state.value;

  useInterval(
    () => {
      if (!state.loading) state.retry();
    },
    intervalMs > 0 ? intervalMs : null,
  );

  return {
    value: state.value ?? lastValue.current,
    error: state.error,
    loading: state.loading,
    refresh: state.retry,
  };
}
