import { NotificationPayload } from '@backstage/plugin-notifications-common';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { ThrottledWarnings } from '../lib/ThrottledWarnings';
import { isChannelRef } from './channels';

/**
 * Sends one text to some recipients: users, and Groups' channels (see
 * `isChannelRef`). A failure is warned of (throttled) and answered false, so
 * the notifier tries again on its next run rather than fail the run.
 *
 * @remarks
 * A channel's notification is addressed to its Group with the Group itself
 * excluded: the notifications backend then delivers it to no member's
 * inbox (each has their own text), while its processors read the Group and
 * post to the channel its annotation names. It carries no topic, so a
 * processor's topic routes, which post to other channels, never take it.
 */
export async function sendToRecipients(options: {
  notifications: NotificationService;
  warnings: ThrottledWarnings;
  /** User refs, and Group refs for their channels. */
  recipients: string[];
  payload: NotificationPayload;
  /** What is sent, in the warning: "a status notification". */
  what: string;
}): Promise<boolean> {
  const channels = options.recipients.filter(isChannelRef);
  const users = options.recipients.filter(ref => !isChannelRef(ref));
  const { topic: _routedElsewhere, ...channelPayload } = options.payload;
  try {
    if (users.length)
      await options.notifications.send({
        recipients: { type: 'entity', entityRef: users },
        payload: options.payload,
      });
    if (channels.length)
      await options.notifications.send({
        recipients: {
          type: 'entity',
          entityRef: channels,
          excludeEntityRef: channels,
        },
        payload: channelPayload,
      });
    return true;
  } catch (error) {
    options.warnings.warn(
      'send',
      `Sending ${options.what} to ${users.length} users and ${channels.length} channels failed; it is tried again on the next run: ${error}`,
    );
    return false;
  }
}
