import { createHash } from 'node:crypto';
import { isWebhookUrl, TeamsConfig } from './readTeamsConfig';

/**
 * The annotation by which an entity (a Group, usually) names its channel's
 * webhook: the name of one in config, or, where `annotationUrls` allows,
 * the workflow's URL itself.
 *
 * @public
 */
export const TEAMS_WEBHOOK_ANNOTATION = 'teams.microsoft.com/workflow-webhook';

/** Where one card goes. */
export type TeamsDestination = {
  /** Stable per URL: what "the same card" is remembered by. */
  key: string;
  /** How logs name it; never the URL, which carries its signature. */
  label: string;
  url: string;
};

/** A recipient entity and the value of its annotation, if any. */
export type AnnotatedRecipient = { ref: string; annotation?: string };

function destination(url: string, label: string): TeamsDestination {
  const key = createHash('sha256').update(url).digest('hex').slice(0, 16);
  return { key, label, url };
}

/**
 * The one routing rule: the webhooks of the notification's topic; for a
 * broadcast that no topic routes, the broadcast webhooks; and the webhook
 * each non-user recipient's annotation names. Users are not posted to:
 * a webhook reaches a channel, not a person. Each URL once.
 */
export function destinationsOf(options: {
  config: TeamsConfig;
  topic?: string;
  broadcast: boolean;
  recipients: AnnotatedRecipient[];
  /** Told of an annotation that names nothing usable. */
  problem: (message: string) => void;
}): TeamsDestination[] {
  const { config } = options;
  const found = new Map<string, TeamsDestination>();
  const add = (d: TeamsDestination) => {
    if (!found.has(d.key)) found.set(d.key, d);
  };
  const named = (name: string) =>
    add(destination(config.webhooks.get(name)!, `webhook "${name}"`));
  const routed = options.topic ? config.topics.get(options.topic) : undefined;
  routed?.forEach(named);
  if (options.broadcast && !routed) config.broadcast.forEach(named);
  for (const { ref, annotation } of options.recipients) {
    const value = annotation?.trim();
    if (!value) continue;
    if (config.webhooks.has(value)) named(value);
    else if (!isWebhookUrl(value))
      options.problem(
        `${ref}: its ${TEAMS_WEBHOOK_ANNOTATION} annotation names a webhook that is not configured`,
      );
    else if (!config.annotationUrls)
      options.problem(
        `${ref}: its ${TEAMS_WEBHOOK_ANNOTATION} annotation holds a URL, which config does not allow (annotationUrls: false); name a configured webhook instead`,
      );
    else add(destination(value, `the webhook of ${ref}`));
  }
  return [...found.values()];
}
