import { InputError } from '@backstage/errors';
import { STATUSCAKE_TEST_NAME_ANNOTATION } from '@status-layer/plugin-status-common';
import { AlertSource, secretsEqual } from '@status-layer/plugin-status-node';
import {
  object,
  optionalText,
  stringList,
  tagsToLabels,
  text,
} from './parsing';

/** " (HTTP 503)", " (timeout)" for StatusCake's code 0, or nothing. */
function downReason(code: string | undefined): string {
  if (!code) return '';
  return code === '0' ? ' (timeout)' : ` (HTTP ${code})`;
}

/**
 * StatusCake's webhook: a form-encoded POST per status change with `Status`
 * Up or Down (any case), `Name`, `URL`, `StatusCode` (0 for a timeout),
 * `Tags` and `Token` — StatusCake's own authentication value (`md5` of the
 * lower-case username and the API key), compared with the configured secret.
 */
export const statusCakeSource: AlertSource = {
  id: 'statuscake',
  title: 'StatusCake',
  bodyType: 'form',
  credentialsIn: 'body',
  // an entity's test names; an alert carries its test's
  matcher: {
    annotation: STATUSCAKE_TEST_NAME_ANNOTATION,
    by: 'keys',
    keysField: 'Name',
  },
  authenticate(request, { secret }) {
    const body = request.body as Record<string, unknown> | undefined;
    const token = typeof body?.Token === 'string' ? body.Token : undefined;
    return secretsEqual(token, secret);
  },
  parse(request, { receivedAt }) {
    const body = object(request.body, 'The body');
    const status = text(
      body.Status,
      'Status (StatusCake docs: How to use the web hook URL)',
    );
    if (!/^(up|down)$/i.test(status)) {
      throw new InputError(`Status must be Up or Down, not "${status}"`);
    }
    const url = optionalText(body.URL);
    const name = optionalText(body.Name) ?? url;
    if (!name) {
      throw new InputError(
        'Name (or URL) is missing (StatusCake docs: How to use the web hook URL)',
      );
    }
    const code = optionalText(body.StatusCode);
    const down = status.toLowerCase() === 'down';
    const tags = stringList(body.Tags);
    const testId = optionalText(body.TestID);
    return [
      {
        source: 'statuscake',
        // StatusCake sends no alert ID: its test (or name and URL) is the alert
        fingerprint: testId ?? `${name}|${url ?? ''}`,
        state: down ? 'firing' : 'resolved',
        severity: 'critical',
        title: down ? `${name} is down${downReason(code)}` : `${name} is up`,
        description: url,
        startedAt: receivedAt.toISOString(),
        endedAt: down ? undefined : receivedAt.toISOString(),
        url: testId
          ? `https://app.statuscake.com/UptimeStatus.php?tid=${encodeURIComponent(
              testId,
            )}`
          : url,
        labels: {
          ...tagsToLabels(tags),
          ...(code ? { statusCode: code } : {}),
        },
        targets: {
          keys: [name],
          names: [
            { value: name, from: 'test' as const },
            ...tags
              .filter(tag => !tag.includes(':'))
              .map(value => ({ value, from: 'tag' as const })),
          ],
        },
      },
    ];
  },
};
