import { useApi } from '@backstage/frontend-plugin-api';
import { StatusSubscriptions } from '@status-layer/plugin-status-common';
import { useCallback, useEffect, useState } from 'react';
import { statusApiRef } from '../../api';

/**
 * What the signed-in user follows, and following or unfollowing: each change
 * is sent, then the list is read again from the backend (which re-checks it
 * against the user's permissions).
 */
export function useSubscriptions() {
  const api = useApi(statusApiRef);
  const [value, setValue] = useState<StatusSubscriptions>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);

  const reload = useCallback(async () => {
    try {
      setValue(await api.getSubscriptions());
      setError(undefined);
    } catch (e) {
      setError(e as Error);
    }
  }, [api]);

  useEffect(() => {
    reload();
  }, [reload]);

  const change = useCallback(
    async (entityRef: string, follow: boolean) => {
      setBusy(true);
      try {
        if (follow) await api.follow(entityRef);
        else await api.unfollow(entityRef);
        await reload();
      } catch (e) {
        setError(e as Error);
      } finally {
        setBusy(false);
      }
    },
    [api, reload],
  );

  return {
    value,
    error,
    busy,
    follows: (entityRef: string) =>
      value?.subscriptions.some(s => s.entityRef === entityRef) ?? false,
    follow: (entityRef: string) => change(entityRef, true),
    unfollow: (entityRef: string) => change(entityRef, false),
  };
}
