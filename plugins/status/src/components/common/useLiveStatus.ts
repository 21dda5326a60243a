import { useSignal } from '@backstage/plugin-signals-react';
import {
  STATUS_SIGNAL_CHANNEL,
  StatusSignal,
} from '@internal/plugin-status-common';
import { useEffect, useRef, useState } from 'react';
import { POLL_INTERVAL_MS } from './usePolling';

/** With live push, polling is only the safety net. */
const SAFETY_POLL_INTERVAL_MS = 60_000;

/**
 * Follows the backend's status changes pushed through signals. Returns a
 * counter that grows with every change that concerns the view (per
 * `concerns`, given the changed entity refs; any change when omitted), and
 * the polling interval to use: long when pushes arrive, short otherwise.
 */
export function useLiveStatus(concerns?: (entityRefs: string[]) => boolean): {
  changes: number;
  intervalMs: number;
  live: boolean;
} {
  const { lastSignal, isSignalsAvailable } = useSignal<StatusSignal>(
    STATUS_SIGNAL_CHANNEL,
  );
  const [changes, setChanges] = useState(0);
  const concernsRef = useRef(concerns);
  concernsRef.current = concerns;
  useEffect(() => {
    if (!lastSignal || lastSignal.type !== 'status-changed') return;
    const refs = lastSignal.entityRefs;
    if (refs === null || !concernsRef.current || concernsRef.current(refs))
      setChanges(n => n + 1);
  }, [lastSignal]);
  return {
    changes,
    intervalMs: isSignalsAvailable ? SAFETY_POLL_INTERVAL_MS : POLL_INTERVAL_MS,
    live: isSignalsAvailable,
  };
}
