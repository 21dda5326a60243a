import { createHash } from 'node:crypto';
import { OutageLevel } from '@status-layer/plugin-status-common';
import { StoredNotificationEpisode } from '../database';
import { StatusEngine } from '../engine/StatusEngine';
import { EntityFirstSeen } from './EntityFirstSeen';
import { RootDescription } from './notificationMessages';
import { Audience, OutageAudience } from './OutageAudience';
import { ServedView } from './outageMessages';
import { currentUpstreamOutages, UpstreamOutage } from './upstreamOutages';

/** A short digest of JSON-able data. */
export const digest = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('base64url');

/**
 * What telling a root cause's outage reads, kept between the notifier's
 * runs while it stays the same: the outages (per engine state and catalog
 * read), their audiences (also per subscriptions version), and digests of
 * each part, so that a run with nothing new compares digests and composes
 * no text.
 *
 * @internal
 */
export class TellingInputs {
  /** The outages of the last engine state read, with a digest of each. */
  private outages?: {
    version: number;
    readAt?: Date;
    outages: UpstreamOutage[];
    digests: Map<string, string>;
  };
  /** The outages' audiences, for one engine state, catalog read and subscriptions. */
  private audiences?: {
    key: string;
    byRoot: Map<string, Audience>;
    digests: Map<string, string>;
  };
  /** Digests of what an episode records as sent, while it is not changed. */
  private readonly sentDigests = new WeakMap<
    StoredNotificationEpisode,
    string
  >();
  /** Digests of when an audience's users were last seen, per version of the views. */
  private readonly seenDigests = new WeakMap<
    Audience,
    { views: Map<string, ServedView>; digest: string }
  >();

  constructor(
    private readonly options: {
      engine: StatusEngine;
      minLevel: OutageLevel;
      audience: OutageAudience;
      firstSeen: EntityFirstSeen;
    },
  ) {}

  /**
   * The outages now: computed again only after the engine's state changed
   * (or the catalog was read), with a digest of each.
   */
  currentOutages(): UpstreamOutage[] {
    const { engine, minLevel } = this.options;
    const kept = this.outages;
    if (
      kept &&
      kept.version === engine.version &&
      kept.readAt === engine.catalogChangedAt
    )
      return kept.outages;
    const outages = currentUpstreamOutages(engine, minLevel);
    this.outages = {
      version: engine.version,
      readAt: engine.catalogChangedAt,
      outages,
      digests: new Map(
        outages.map(o => [
          o.rootRef,
          digest([o.rootLevel, o.impacted.map(i => [i.ref, i.level, i.path])]),
        ]),
      ),
    };
    return outages;
  }

  /**
   * Who is told of each outage: built again only when the engine's state,
   * the catalog read or the subscriptions changed.
   */
  async audiencesOf(
    outages: UpstreamOutage[],
    subscriptionsVersion: string | undefined,
  ): Promise<Map<string, Audience>> {
    const { engine, audience } = this.options;
    const key = JSON.stringify([
      engine.version,
      engine.catalogChangedAt?.toISOString() ?? null,
      subscriptionsVersion ?? null,
    ]);
    if (this.audiences?.key !== key) {
      await audience.prepare(outages);
      const byRoot = new Map(outages.map(o => [o.rootRef, audience.of(o)]));
      this.audiences = {
        key,
        byRoot,
        digests: new Map(
          [...byRoot].map(([root, told]) => [
            root,
            digest(
              [...told].map(([user, entities]) => [user, [...entities.keys()]]),
            ),
          ]),
        ),
      };
    }
    return this.audiences.byRoot;
  }

  /**
   * Everything telling a root's outage reads: the outage, its description
   * (incident, owner, who is on call now), who would be told of what, their
   * views, when entities appeared, the catalog's names, and what each was
   * sent. Equal digests tell the same texts to the same people. `fresh`:
   * the episode has just changed, its record of what was sent is digested
   * anew.
   */
  digestOf(told: {
    outage: UpstreamOutage;
    episode: StoredNotificationEpisode;
    audience: Audience;
    root: RootDescription;
    views: Map<string, ServedView>;
    fresh?: boolean;
  }): string {
    const { outage, episode } = told;
    return digest([
      this.outages?.digests.get(outage.rootRef),
      told.root,
      this.audiences?.digests.get(outage.rootRef),
      this.seenDigestOf(told.audience, told.views),
      this.options.firstSeen.upToGeneration,
      this.options.engine.catalogChangedAt?.toISOString() ?? null,
      episode.startedAt.toISOString(),
      told.fresh ? digest(episode.sent) : this.sentDigestOf(episode),
    ]);
  }

  /** A digest of what an episode records as sent, kept while the episode is unchanged. */
  private sentDigestOf(episode: StoredNotificationEpisode): string {
    let sent = this.sentDigests.get(episode);
    if (sent === undefined) {
      sent = digest(episode.sent);
      this.sentDigests.set(episode, sent);
    }
    return sent;
  }

  /** A digest of when each of an audience's users was last seen, for this version of the views. */
  private seenDigestOf(
    audience: Audience,
    views: Map<string, ServedView>,
  ): string {
    const kept = this.seenDigests.get(audience);
    if (kept?.views === views) return kept.digest;
    const seen = digest(
      [...audience.keys()].map(
        user => views.get(user)?.seenAt.toISOString() ?? null,
      ),
    );
    this.seenDigests.set(audience, { views, digest: seen });
    return seen;
  }
}
