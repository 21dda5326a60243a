import { useApi } from '@backstage/frontend-plugin-api';
import { useCallback, useState } from 'react';
import { statusApiRef } from '../../api';
import { useSubscriptionList } from '../common';

/**
 * What the signed-in user follows, and following or unfollowing: each change
 * is sent, then the list is read again from the backend (which re-checks it
 * against the user's permissions); busy until that answer arrives.
 */
export function useSubscriptions() {
  const api = useApi(statusApiRef);
  const list = useSubscriptionList();
  const [sending, setSending] = useState(false);
  const [failed, setFailed] = useState<Error>();
  // the answer on screen when a change was sent: busy until a newer one
  const [sentOver, setSentOver] = useState<{ at?: Date }>();
  const { value, updatedAt, retry } = list;

  const change = useCallback(
    async (entityRef: string, follow: boolean) => {
      setSending(true);
      setFailed(undefined);
      try {
        if (follow) await api.follow(entityRef);
        else await api.unfollow(entityRef);
        setSentOver({ at: updatedAt });
        retry();
      } catch (e) {
        setFailed(e as Error);
      } finally {
        setSending(false);
      }
    },
    [api, updatedAt, retry],
  );

  const error = failed ?? list.error;
  const rereading =
    sentOver !== undefined && sentOver.at === updatedAt && !list.error;
  return {
    value,
    error,
    busy: sending || rereading,
    follows: (entityRef: string) =>
      value?.subscriptions.some(s => s.entityRef === entityRef) ?? false,
    follow: (entityRef: string) => change(entityRef, true),
    unfollow: (entityRef: string) => change(entityRef, false),
  };
}
