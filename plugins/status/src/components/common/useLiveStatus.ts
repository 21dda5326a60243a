import { useApiHolder } from '@backstage/frontend-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  STATUS_SIGNAL_CHANNEL,
  StatusSignal,
} from '@status-layer/plugin-status-common';
import { useEffect, useState } from 'react';
import { POLL_INTERVAL_MS } from './usePolling';

/** With live push, polling is only the safety net. */
const SAFETY_POLL_INTERVAL_MS = 60_000;

const isChange = (signal: unknown): signal is StatusSignal =>
  (signal as StatusSignal | null)?.type === 'status-changed';

/**
 * Follows the backend's status changes pushed through signals. Pages of many
 * entities follow the shared channel; an entity's page follows its own
 * channel (`liveChannel` of its status, given only to its readers), and the
 * shared one only when every page must read again. Returns a counter that
 * grows with every change that concerns the view, and the polling interval
 * to use: long when pushes arrive, short otherwise.
 *
 * Messages are filtered before they reach React state: on an entity's page,
 * the shared channel's "something changed somewhere" re-renders nothing,
 * which keeps the page free to handle its own channel's news at once.
 */
export function useLiveStatus(entityChannel?: string): {
  changes: number;
  intervalMs: number;
  live: boolean;
} {
  const signals = useApiHolder().get(signalApiRef);
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    if (!signals) return undefined;
    const concerned = () => setChanges(n => n + 1);
    const subscriptions = [
      signals.subscribe(STATUS_SIGNAL_CHANNEL, message => {
        if (isChange(message) && (!entityChannel || message.scope === 'all'))
          concerned();
      }),
    ];
    if (entityChannel)
      subscriptions.push(
        signals.subscribe(entityChannel, message => {
          if (isChange(message)) concerned();
        }),
      );
    return () => subscriptions.forEach(s => s.unsubscribe());
  }, [signals, entityChannel]);
  return {
    changes,
    intervalMs: signals ? SAFETY_POLL_INTERVAL_MS : POLL_INTERVAL_MS,
    live: Boolean(signals),
  };
}
