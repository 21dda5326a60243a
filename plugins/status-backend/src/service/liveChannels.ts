import { createHmac, randomBytes } from 'node:crypto';
import { STATUS_SIGNAL_CHANNEL } from '@status-layer/plugin-status-common';
import { StatusStore } from '../database';

/** Where the replicas' shared salt of channel names is kept. */
const SALT_KEY = 'live-channel-salt';

/**
 * Names each entity's signals channel so that only readers of the entity
 * learn it: an HMAC of its ref with a salt every replica shares (kept in the
 * store), given out in the entity's status, which is served only after the
 * catalog's permission check. A user who may not read an entity cannot
 * subscribe to its changes, nor tell whose changes a channel carries.
 *
 * @internal
 */
export async function createLiveChannels(
  store: StatusStore,
): Promise<(entityRef: string) => string> {
  const salt = await store.insertMetaIfAbsent(
    SALT_KEY,
    randomBytes(32).toString('base64'),
  );
  return (entityRef: string) =>
    `${STATUS_SIGNAL_CHANNEL}:${createHmac('sha256', salt)
      .update(entityRef)
      .digest('base64url')
      .slice(0, 32)}`;
}
