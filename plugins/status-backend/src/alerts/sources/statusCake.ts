import { InputError } from '@backstage/errors';
import { AlertSource, secretsEqual } from '@internal/plugin-status-node';
import {
  object,
  optionalText,
  stringList,
  tagsToLabels,
  text,
} from './parsing';

/**
 * StatusCake's webhook: a form-encoded POST per status change with `Status`
 * Up or Down, `Name`, `URL`, `Tags` and `Token` — StatusCake's own
 * authentication value, compared with the configured secret.
 */
export const statusCakeSource: AlertSource = {
  id: 'statuscake',
  title: 'StatusCake',
  bodyType: 'form',
  authenticate(request, { secret }) {
    const body = request.body as Record<string, unknown> | undefined;
    const token = typeof body?.Token === 'string' ? body.Token : undefined;
    return secretsEqual(token, secret);
  },
  parse(request, { receivedAt }) {
    const body = object(request.body, 'The body');
    const status = text(body.Status, 'Status');
    if (status !== 'Up' && status !== 'Down') {
      throw new InputError(`Status must be Up or Down, not "${status}"`);
    }
    const name = text(body.Name, 'Name');
    const code = optionalText(body.StatusCode);
    const down = status === 'Down';
    return [
      {
        source: 'statuscake',
        fingerprint: optionalText(body.TestID) ?? name,
        state: down ? 'firing' : 'resolved',
        severity: 'critical',
        title: down
          ? `${name} is down${code ? ` (HTTP ${code})` : ''}`
          : `${name} is up`,
        description: optionalText(body.URL),
        startedAt: receivedAt.toISOString(),
        endedAt: down ? undefined : receivedAt.toISOString(),
        url: optionalText(body.TestID)
          ? `https://app.statuscake.com/UptimeStatus.php?tid=${encodeURIComponent(
              String(body.TestID),
            )}`
          : optionalText(body.URL),
        labels: {
          ...tagsToLabels(stringList(body.Tags)),
          ...(code ? { statusCode: code } : {}),
        },
        targets: { statusCakeTestName: name },
      },
    ];
  },
};
