import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationPayload } from '@backstage/plugin-notifications-common';
import {
  compareLevels,
  HealthLevel,
  HIDDEN_ENTITY_REF,
  LEVEL_LABELS,
} from '@status-layer/plugin-status-common';
import { createHash } from 'node:crypto';
import { ImpactedEntity } from './upstreamOutages';

/** The topic of every status notification, which users can mute in their notification settings. */
export const UPSTREAM_OUTAGE_TOPIC = 'Upstream outages';

/** The failing upstream as one recipient may learn it. */
export type RootDescription =
  | {
      hidden: false;
      ref: string;
      name: string;
      level: HealthLevel;
      /** Its most severe open incident. */
      incident?: { title: string; number?: number; htmlUrl?: string };
      owner?: { name: string; slackChannel?: string; email?: string };
      onCall?: { name: string; policy: string };
    }
  /** A root the recipient may not read: neither its name nor its own level nor since when (as the API's `rootLevel: null`). */
  | { hidden: true };

/** Names entities in a message. */
export type NameOf = (ref: string) => string;

const MAX_NAMED = 5;

const level = (l: HealthLevel) => LEVEL_LABELS[l].toLowerCase();

/** "in major outage", "under maintenance": a level after "is" or "has been". */
const state = (l: HealthLevel) =>
  l === 'under_maintenance' ? level(l) : `in ${level(l)}`;

const utcTime = (at: Date) =>
  `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

const duration = (ms: number) => {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 90) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min`;
};

/** The Status tab of an entity, relative to the app. */
export function statusTabLink(ref: string): string {
  const { kind, namespace, name } = parseEntityRef(ref);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}/status`;
}

const severityOf = (l: HealthLevel): NotificationPayload['severity'] => {
  if (l === 'major_outage') return 'critical';
  if (l === 'partial_outage') return 'high';
  return 'normal';
};

const pathText = (path: string[], nameOf: NameOf) =>
  path
    .slice(1)
    // hidden upstreams in a row read as one: how many there are is not told either
    .filter((ref, i, rest) => ref !== HIDDEN_ENTITY_REF || rest[i - 1] !== ref)
    .map(ref =>
      ref === HIDDEN_ENTITY_REF ? 'an upstream you may not see' : nameOf(ref),
    )
    .join(' → ');

function rootSentence(root: RootDescription, since: Date, nameOf: NameOf) {
  if (root.hidden) return 'An upstream you may not see is failing.';
  const incident = root.incident
    ? ` PagerDuty incident${
        root.incident.number ? ` #${root.incident.number}` : ''
      }: “${root.incident.title}”.`
    : '';
  return `${nameOf(root.ref)} has been ${state(root.level)} since ${utcTime(
    since,
  )}.${incident}`;
}

function contactSentence(root: RootDescription) {
  if (root.hidden) return '';
  const parts: string[] = [];
  if (root.owner) {
    const reach = [root.owner.slackChannel, root.owner.email]
      .filter(Boolean)
      .join(', ');
    parts.push(`Owner: ${root.owner.name}${reach ? ` (${reach})` : ''}.`);
  }
  if (root.onCall)
    parts.push(`On call: ${root.onCall.name} (${root.onCall.policy}).`);
  return parts.join(' ');
}

/**
 * The notification telling one recipient that an upstream outage reaches
 * entities of theirs: the root cause, each entity with its level and path,
 * whom to contact upstream, and a link to the first entity's Status tab.
 * `entities` are the recipient's, already masked for what they may read.
 */
export function outageNotification(options: {
  root: RootDescription;
  since: Date;
  entities: ImpactedEntity[];
  nameOf: NameOf;
  scope: string;
}): NotificationPayload {
  const { root, since, entities, nameOf, scope } = options;
  const sorted = [...entities].sort(
    (a, b) => compareLevels(b.level, a.level) || a.ref.localeCompare(b.ref),
  );
  const rootName = root.hidden ? 'an upstream outage' : nameOf(root.ref);
  const first = sorted[0];
  const others = sorted.length - 1;
  const isRootItself = !root.hidden && first.ref === root.ref;
  const title = isRootItself
    ? `${rootName} is ${state(root.level)}`
    : `${nameOf(first.ref)}${
        others ? ` and ${others} more` : ''
      } affected by ${rootName}${root.hidden ? '' : ` (${level(root.level)})`}`;
  const affected = sorted
    .filter(e => e.ref !== (root.hidden ? undefined : root.ref))
    .slice(0, MAX_NAMED)
    .map(
      e =>
        `${nameOf(e.ref)} (${level(e.level)}) via ${pathText(e.path, nameOf)}`,
    );
  const unnamed = sorted.length - (isRootItself ? 1 : 0) - affected.length;
  const description = [
    rootSentence(root, since, nameOf),
    affected.length
      ? `Affected: ${affected.join('; ')}${
          unnamed > 0 ? `; and ${unnamed} more` : ''
        }.`
      : '',
    contactSentence(root),
    root.hidden || isRootItself
      ? ''
      : 'The upstream team is on it: no need to open an incident of your own for this.',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    title,
    description,
    link: statusTabLink(first.ref),
    severity: severityOf(first.level),
    topic: UPSTREAM_OUTAGE_TOPIC,
    scope,
  };
}

/** The status dashboard, relative to the app. */
export const STATUS_PAGE_LINK = '/status';

/**
 * What a user the status API has never served is told: that an upstream
 * outage reaches entities they own or follow, and nothing else. Without a
 * view of what their own credentials may read, any name, level or link to an
 * entity could be one a policy hides from them, and a notification may be
 * forwarded by email or Slack and never taken back. The link leads to the
 * status page, where their credentials decide what they see; once they have
 * opened it, later updates name what they may read.
 */
export function unservedOutageNotification(options: {
  scope: string;
  /** For a Group's channel (see `isChannelRef`): worded for its members. */
  forChannel?: boolean;
}): NotificationPayload {
  const wording = options.forChannel
    ? {
        title: 'An upstream outage affects entities your team owns',
        description:
          "The status page shows which of your team's entities are affected, through which upstream, and whom to contact. " +
          'This message names nothing because not every member of the team has opened the status page yet, so the portal cannot tell what all of them may see; ' +
          'once they have, its updates name what every member may read.',
      }
    : {
        title: 'An upstream outage affects entities you own or follow',
        description:
          'The status page shows which of your entities are affected, through which upstream, and whom to contact. ' +
          'This notification names nothing because you have not opened the status page yet, so the portal cannot tell what you may see; ' +
          'once you have, its updates name what you may read.',
      };
  return {
    ...wording,
    link: STATUS_PAGE_LINK,
    severity: 'normal',
    topic: UPSTREAM_OUTAGE_TOPIC,
    scope: options.scope,
  };
}

/** The follow-up that replaces an outage's notification when its root cause recovers. */
export function recoveryNotification(options: {
  rootName: string | undefined;
  /** The root cause still fails but no longer reaches the recipient's entities. */
  stillFailing: boolean;
  since: Date;
  now: Date;
  link: string;
  scope: string;
}): NotificationPayload {
  const { rootName, stillFailing, since, now, link, scope } = options;
  const common = {
    link,
    severity: 'low' as const,
    topic: UPSTREAM_OUTAGE_TOPIC,
    scope,
  };
  // how long a root failed is told only to those who may read it, as its level
  if (!rootName)
    return stillFailing
      ? {
          title: 'No longer affected by an upstream outage',
          description:
            'The upstream outage no longer affects your entities; the status page shows their levels now.',
          ...common,
        }
      : {
          title: 'Recovered: the upstream outage is over',
          description:
            'The upstream outage that affected your entities is over; they are no longer affected through it.',
          ...common,
        };
  if (stillFailing)
    return {
      title: `No longer affected by ${rootName}`,
      description: `${rootName} still fails, but after ${duration(
        now.getTime() - since.getTime(),
      )} it no longer affects your entities.`,
      ...common,
    };
  return {
    title: `Recovered: ${rootName} is no longer failing`,
    description: `${rootName} recovered after ${duration(
      now.getTime() - since.getTime(),
    )} (failing since ${utcTime(
      since,
    )}). Entities it affected are no longer affected through it.`,
    ...common,
  };
}

/** A short fingerprint of what a payload says and where it leads, to send again only what changed. */
export function fingerprint(payload: NotificationPayload): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        payload.title,
        payload.description,
        payload.severity,
        payload.link,
      ]),
    )
    .digest('base64url')
    .slice(0, 16);
}
