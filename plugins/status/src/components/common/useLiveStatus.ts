import { useSignal } from '@backstage/plugin-signals-react';
import {
  STATUS_SIGNAL_CHANNEL,
  StatusSignal,
} from '@status-layer/plugin-status-common';
import { useEffect, useState } from 'react';
import { POLL_INTERVAL_MS } from './usePolling';

/** With live push, polling is only the safety net. */
const SAFETY_POLL_INTERVAL_MS = 60_000;

const isChange = (signal: StatusSignal | null): signal is StatusSignal =>
  signal?.type === 'status-changed';

/**
 * Follows the backend's status changes pushed through signals. Pages of many
 * entities follow the shared channel; an entity's page follows its own
 * channel (`liveChannel` of its status, given only to its readers), and the
 * shared one only when every page must read again. Returns a counter that
 * grows with every change that concerns the view, and the polling interval
 * to use: long when pushes arrive, short otherwise.
 */
export function useLiveStatus(entityChannel?: string): {
  changes: number;
  intervalMs: number;
  live: boolean;
} {
  const shared = useSignal<StatusSignal>(STATUS_SIGNAL_CHANNEL);
  const own = useSignal<StatusSignal>(entityChannel ?? STATUS_SIGNAL_CHANNEL);
  const [changes, setChanges] = useState(0);
  const sharedSignal = shared.lastSignal;
  const ownSignal = own.lastSignal;
  useEffect(() => {
    if (!isChange(sharedSignal)) return;
    if (!entityChannel || sharedSignal.scope === 'all') setChanges(n => n + 1);
    // entityChannel is read at the time of the signal on purpose
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sharedSignal]);
  useEffect(() => {
    if (entityChannel && isChange(ownSignal)) setChanges(n => n + 1);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ownSignal]);
  return {
    changes,
    intervalMs: shared.isSignalsAvailable
      ? SAFETY_POLL_INTERVAL_MS
      : POLL_INTERVAL_MS,
    live: shared.isSignalsAvailable,
  };
}
