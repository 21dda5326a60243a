import { useApi } from '@backstage/frontend-plugin-api';
import { EntityStatus } from '@internal/plugin-status-common';
import { useEffect, useState } from 'react';
import { statusApiRef } from '../../api';
import { useLiveStatus } from './useLiveStatus';
import { Polled, usePolling } from './usePolling';

/**
 * The status of one entity, read again when the backend pushes a change on
 * the entity's own channel (known once its status was read), and polled as a
 * safety net.
 */
export function useEntityStatus(entityRef: string): Polled<EntityStatus> {
  const statusApi = useApi(statusApiRef);
  const [channel, setChannel] = useState<string>();
  const live = useLiveStatus(channel);
  const polled = usePolling(
    () => statusApi.getEntityStatus(entityRef),
    [statusApi, entityRef],
    live.intervalMs,
    live.changes,
  );
  const liveChannel = polled.value?.liveChannel;
  useEffect(() => setChannel(liveChannel), [liveChannel]);
  return polled;
}
