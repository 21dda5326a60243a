/** How a post ended, after its retries. */
export type PostOutcome =
  | { ok: true; attempts: number }
  | { ok: false; attempts: number; reason: string };

/** Statuses worth another try: Teams or the workflow busy or failing. */
const RETRIED = new Set([408, 429, 500, 502, 503, 504]);

/** The longest `Retry-After` heeded; longer is capped, not obeyed. */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Text about a failure with the URL taken out: a workflow URL carries its
 * signature (`sig=`), so neither it nor its path may reach a log.
 */
export function withoutUrl(text: string, url: string): string {
  let result = text;
  const parsed = new URL(url);
  const parts = [url, `${parsed.host}${parsed.pathname}`, parsed.pathname];
  for (const [, value] of parsed.searchParams)
    if (value.length >= 8) parts.push(value);
  for (const part of parts)
    if (part.length > 1) result = result.split(part).join('[redacted]');
  return result;
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (!Number.isFinite(seconds) || seconds < 0) return undefined;
  return Math.min(seconds * 1000, MAX_RETRY_AFTER_MS);
}

/**
 * Posts one message to a workflow webhook, with bounded retries: after a
 * network error, a timeout or a status in {@link RETRIED}, it waits
 * `retryDelayMs`, doubled for each next try (or the `Retry-After` Teams
 * asks for, capped), at most `retries` times. Other statuses are final: a
 * card Teams refused will not be taken on a second try. Never throws.
 */
export async function postToWebhook(options: {
  url: string;
  body: unknown;
  retries: number;
  retryDelayMs: number;
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
}): Promise<PostOutcome> {
  const { url, retries } = options;
  const doFetch = options.fetch ?? fetch;
  const body = JSON.stringify(options.body);
  let reason = '';
  for (let attempt = 1; ; attempt++) {
    let wait = options.retryDelayMs * 2 ** (attempt - 1);
    try {
      const response = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      if (response.ok) return { ok: true, attempts: attempt };
      const text = (await response.text().catch(() => '')).slice(0, 200);
      reason = withoutUrl(
        `Teams answered ${response.status}${text ? `: ${text}` : ''}`,
        url,
      );
      if (!RETRIED.has(response.status))
        return { ok: false, attempts: attempt, reason };
      wait = retryAfterMs(response.headers.get('retry-after')) ?? wait;
    } catch (error) {
      // errors of fetch may come from another realm: read them by shape
      const messageOf = (e: unknown) =>
        typeof (e as Error)?.message === 'string'
          ? (e as Error).message
          : String(e);
      const cause = (error as { cause?: unknown })?.cause;
      reason = withoutUrl(
        `${messageOf(error)}${cause ? ` (${messageOf(cause)})` : ''}`,
        url,
      );
    }
    if (attempt > retries) return { ok: false, attempts: attempt, reason };
    await options.sleep(wait);
  }
}
