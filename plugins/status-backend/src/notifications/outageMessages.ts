import { NotificationPayload } from '@backstage/plugin-notifications-common';
import { HIDDEN_ENTITY_REF } from '@status-layer/plugin-status-common';
import { createHash } from 'node:crypto';
import { StoredNotificationEpisode } from '../database';
import { isChannelRef } from './channels';
import { EntityFirstSeen } from './EntityFirstSeen';
import {
  fingerprint,
  outageNotification,
  RootDescription,
  unservedOutageNotification,
} from './notificationMessages';
import { Audience } from './OutageAudience';
import { UpstreamOutage } from './upstreamOutages';
import { ServedView } from './UserViews';

/** One user's text about an outage, and what its follow-up needs. */
export type OutageMessage = {
  payload: NotificationPayload;
  link: string;
  rootName?: string;
};

export type { ServedView } from './UserViews';

/**
 * One notification scope per episode: updates replace it in the bell. Users
 * can read a notification's scope, so it names nothing: a digest of the root
 * cause and the episode's start.
 */
export const scopeOf = (episode: StoredNotificationEpisode) =>
  `status:upstream-outage:${createHash('sha256')
    .update(`${episode.rootRef}\n${episode.startedAt.toISOString()}`)
    .digest('base64url')
    .slice(0, 22)}`;

/**
 * What a served user may read by name: not hidden from their view, and
 * known before it was seen (a newer entity is in no view, so hidden).
 */
export function readableIn(
  view: NonNullable<ServedView>,
  firstSeen: EntityFirstSeen,
): (ref: string) => boolean {
  return ref => {
    if (view.hidden.has(ref)) return false;
    const seen = firstSeen.of(ref);
    return seen !== undefined && seen <= view.seenAt;
  };
}

/**
 * Users who should read the same text, keyed by its fingerprint: each group
 * gets it in one send.
 */
export function byText<T extends { payload: NotificationPayload }>(
  perUser: Iterable<readonly [string, T]>,
): Map<string, { message: T; users: string[] }> {
  const groups = new Map<string, { message: T; users: string[] }>();
  for (const [user, message] of perUser) {
    const print = fingerprint(message.payload);
    const group = groups.get(print) ?? { message, users: [] };
    group.users.push(user);
    groups.set(print, group);
  }
  return groups;
}

/**
 * Per user, what they should read now about an outage. Owners' members and
 * followers are told about the entities of theirs the outage reaches; each
 * text names only what that user may read (see `UserViews`): what their
 * view did not cover, hidden or newer than it, is masked.
 */
export function composeOutageMessages(options: {
  outage: UpstreamOutage;
  episode: StoredNotificationEpisode;
  told: Audience;
  root: RootDescription;
  views: Map<string, ServedView>;
  firstSeen: EntityFirstSeen;
  nameOf: (ref: string) => string;
}): Map<string, OutageMessage> {
  const { outage, episode, root, nameOf } = options;
  const messages = new Map<string, OutageMessage>();
  const scope = scopeOf(episode);
  for (const [user, entities] of options.told) {
    const view = options.views.get(user);
    if (!view) {
      // never served: even their own entities may be hidden from them by a policy
      const payload = unservedOutageNotification({
        scope,
        forChannel: isChannelRef(user),
      });
      messages.set(user, { payload, link: payload.link! });
      continue;
    }
    const mayRead = readableIn(view, options.firstSeen);
    const readable = [...entities.values()].filter(e => mayRead(e.ref));
    if (!readable.length) continue;
    const rootView: RootDescription = mayRead(outage.rootRef)
      ? root
      : { hidden: true };
    const payload = outageNotification({
      root: rootView,
      since: episode.startedAt,
      entities: readable.map(e => ({
        ...e,
        path: e.path.map(p => (mayRead(p) ? p : HIDDEN_ENTITY_REF)),
      })),
      nameOf,
      scope,
    });
    messages.set(user, {
      payload,
      link: payload.link!,
      rootName: rootView.hidden ? undefined : nameOf(outage.rootRef),
    });
  }
  return messages;
}
