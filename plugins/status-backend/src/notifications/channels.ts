import { parseEntityRef } from '@backstage/catalog-model';
import { ServedView, UserViews } from './UserViews';

/**
 * Whether a recipient is a Group's channel rather than a user: with
 * `status.notifications.channels`, an owning Group is told too, once, and
 * notification processors (Teams, Slack) post that to the channel its
 * annotation names.
 */
export function isChannelRef(ref: string): boolean {
  return parseEntityRef(ref).kind.toLocaleLowerCase('en-US') === 'group';
}

/**
 * What a Group's channel may read by name: its members read it, and may
 * forward it, so it names only what every member may read. Hidden is what
 * any member may not read, and an entity must be older than the earliest of
 * their views. A Group with no members, or with a member never served, is
 * told without names.
 */
export function channelView(
  members: string[],
  views: Map<string, ServedView>,
): ServedView {
  if (!members.length) return undefined;
  const hidden = new Set<string>();
  let seenAt: Date | undefined;
  for (const member of members) {
    const view = views.get(member);
    if (!view) return undefined;
    for (const ref of view.hidden) hidden.add(ref);
    if (!seenAt || view.seenAt < seenAt) seenAt = view.seenAt;
  }
  return { hidden, seenAt: seenAt! };
}

/** Per map of views, the members each channel's view was built from. */
const builtFrom = new WeakMap<Map<string, ServedView>, Map<string, string>>();

/**
 * The views of users and Groups' channels, into `known` (users already
 * there are not read again): a channel's from its members' views, built
 * again only when its members changed (`known` is replaced when any view
 * was saved again).
 */
export async function readRecipientViews(
  recipients: string[],
  options: {
    userViews: UserViews;
    membersOf: (group: string) => string[];
    known: Map<string, ServedView>;
  },
): Promise<void> {
  const { known } = options;
  const channels = [...new Set(recipients.filter(isChannelRef))];
  const users = new Set(recipients.filter(ref => !isChannelRef(ref)));
  for (const channel of channels)
    for (const member of options.membersOf(channel)) users.add(member);
  const unread = [...users].filter(user => !known.has(user));
  if (unread.length)
    for (const [user, view] of await options.userViews.viewsOf(unread))
      known.set(user, view);
  let built = builtFrom.get(known);
  if (!built) builtFrom.set(known, (built = new Map()));
  for (const channel of channels) {
    const members = options.membersOf(channel);
    const signature = members.join('\n');
    // the same members' views as last time: the union is not built again
    if (known.has(channel) && built.get(channel) === signature) continue;
    known.set(channel, channelView(members, known));
    built.set(channel, signature);
  }
}
