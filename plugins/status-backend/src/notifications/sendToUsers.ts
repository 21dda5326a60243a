import { NotificationPayload } from '@backstage/plugin-notifications-common';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { ThrottledWarnings } from '../lib/ThrottledWarnings';

/**
 * Sends one text to some users; a failure is warned of (throttled) and
 * answered false, so the notifier tries again on its next run rather than
 * fail the run.
 */
export async function sendToUsers(options: {
  notifications: NotificationService;
  warnings: ThrottledWarnings;
  users: string[];
  payload: NotificationPayload;
  /** What is sent, in the warning: "a status notification". */
  what: string;
}): Promise<boolean> {
  const { users } = options;
  try {
    await options.notifications.send({
      recipients: { type: 'entity', entityRef: users },
      payload: options.payload,
    });
    return true;
  } catch (error) {
    options.warnings.warn(
      'send',
      `Sending ${options.what} to ${users.length} users failed; it is tried again on the next run: ${error}`,
    );
    return false;
  }
}
