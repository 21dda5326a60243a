import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** The words a card's fixed parts are written in. */
export type TeamsCardLanguage = 'en' | 'ja';

/** `notifications.processors.msteams`, read and checked once. */
export type TeamsConfig = {
  /** Webhook URLs by the name routes and annotations use. */
  webhooks: Map<string, string>;
  /** Webhook names per notification topic. */
  topics: Map<string, string[]>;
  /** Webhook names for broadcasts that no topic route posted. */
  broadcast: string[];
  annotationUrls: boolean;
  language: TeamsCardLanguage;
  retries: number;
  retryDelayMs: number;
  timeoutMs: number;
  maxQueued: number;
};

const KEY = 'notifications.processors.msteams';

/** Whether a string is an https URL (or http on loopback, for local use). */
export function isWebhookUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:') return true;
    return (
      url.protocol === 'http:' &&
      ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
    );
  } catch {
    return false;
  }
}

function bounded(
  config: Config,
  key: string,
  fallback: number,
  [min, max]: [number, number],
): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < min || value > max)
    throw new InputError(
      `${KEY}.${key} must be a whole number from ${min} to ${max}`,
    );
  return value;
}

/**
 * Reads the module's config; undefined when none is given. A route naming
 * a webhook that is not configured is an error at start, not a silent drop
 * at the first outage. URLs never appear in the errors.
 */
export function readTeamsConfig(root: Config): TeamsConfig | undefined {
  const config = root.getOptionalConfig(KEY);
  if (!config) return undefined;
  const webhooks = new Map<string, string>();
  const webhooksConfig = config.getOptionalConfig('webhooks');
  for (const name of webhooksConfig?.keys() ?? []) {
    const url = webhooksConfig!.getString(`${name}.url`);
    if (!isWebhookUrl(url))
      throw new InputError(
        `${KEY}.webhooks.${name}.url must be an https URL (http only on localhost)`,
      );
    webhooks.set(name, url);
  }
  const known = (names: string[], where: string) => {
    for (const name of names)
      if (!webhooks.has(name))
        throw new InputError(
          `${KEY}.${where} names the webhook "${name}", which ${KEY}.webhooks does not configure`,
        );
    return names;
  };
  const topics = new Map<string, string[]>();
  for (const [index, route] of (
    config.getOptionalConfigArray('topics') ?? []
  ).entries()) {
    const topic = route.getString('topic');
    topics.set(topic, [
      ...(topics.get(topic) ?? []),
      ...known(route.getStringArray('webhooks'), `topics[${index}].webhooks`),
    ]);
  }
  const language = config.getOptionalString('language') ?? 'en';
  if (language !== 'en' && language !== 'ja')
    throw new InputError(`${KEY}.language must be en or ja`);
  return {
    webhooks,
    topics,
    broadcast: known(
      config.getOptionalStringArray('broadcast') ?? [],
      'broadcast',
    ),
    annotationUrls: config.getOptionalBoolean('annotationUrls') ?? true,
    language,
    retries: bounded(config, 'retries', 3, [0, 10]),
    retryDelayMs: bounded(config, 'retryDelayMs', 1000, [0, 60_000]),
    timeoutMs: bounded(config, 'timeoutMs', 10_000, [100, 60_000]),
    maxQueued: bounded(config, 'maxQueued', 1000, [1, 100_000]),
  };
}
