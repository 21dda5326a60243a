import { parseEntityRef } from '@backstage/catalog-model';
import { StatusStore } from '../database';
import { StatusEngine } from '../engine/StatusEngine';
import { addTo } from '../lib/addTo';
import { isChannelRef } from './channels';
import { NotificationRules } from './readNotificationRules';
import { ImpactedEntity, UpstreamOutage } from './upstreamOutages';

/**
 * Per user (or Group's channel, see `isChannelRef`) told of an outage, the
 * entities of theirs it reaches, by ref.
 */
export type Audience = Map<string, Map<string, ImpactedEntity>>;

/**
 * Who is told of an upstream outage: the members of the owners of what it
 * reaches (groups' members kept per catalog read) and the followers of
 * what it reaches (read once per run for every outage).
 *
 * @internal
 */
export class OutageAudience {
  private members?: { readAt?: Date; byGroup: Map<string, string[]> };
  private followersOf = new Map<string, string[]>();

  constructor(
    private readonly options: {
      engine: StatusEngine;
      store: StatusStore;
      rules: NotificationRules;
    },
  ) {}

  /** Reads, for one run, what telling these outages needs. */
  async prepare(outages: UpstreamOutage[]): Promise<void> {
    this.membersOf();
    this.followersOf = await this.followersOfAll(outages);
  }

  /** Each group's members, built again only after a catalog read. */
  private membersOf(): Map<string, string[]> {
    const { engine } = this.options;
    const readAt = engine.catalogChangedAt;
    if (this.members?.readAt !== readAt || !this.members) {
      const byGroup = new Map<string, string[]>();
      for (const entity of engine.allEntities())
        for (const group of entity.memberOf ?? [])
          addTo(byGroup, group, entity.ref);
      this.members = { readAt, byGroup };
    }
    return this.members.byGroup;
  }

  /**
   * Who is told of the outage, and of which of their entities: the owners'
   * members and the followers of what it reaches.
   */
  of(outage: UpstreamOutage): Audience {
    const told = new Map<string, Map<string, ImpactedEntity>>();
    const tell = (user: string, entity: ImpactedEntity) => {
      const entities = told.get(user) ?? new Map<string, ImpactedEntity>();
      entities.set(entity.ref, entity);
      told.set(user, entities);
    };
    for (const [recipient, entity] of this.owningRecipients(outage))
      tell(recipient, entity);
    for (const [user, entity] of this.followers(outage)) tell(user, entity);
    return told;
  }

  /**
   * The owner told about an entity: none when it has none, or the owner
   * opted out or is excluded.
   */
  private toldOwner(ref: string): string | undefined {
    const { engine, rules } = this.options;
    const owner = engine.entity(ref)?.owner;
    if (!owner) return undefined;
    if (rules.excludedOwners.has(owner.toLocaleLowerCase('en-US')))
      return undefined;
    if (engine.entity(owner)?.notificationsDisabled) return undefined;
    return owner;
  }

  /**
   * The users who own an entity: its owning group's members, or its owning
   * user; none when the owner opted out or is excluded.
   */
  ownersOf(ref: string): string[] {
    const owner = this.toldOwner(ref);
    if (!owner) return [];
    return parseEntityRef(owner).kind.toLocaleLowerCase('en-US') === 'user'
      ? [owner]
      : this.membersOf().get(owner) ?? [];
  }

  /** A Group's members, as of the last catalog read. */
  membersOfGroup(group: string): string[] {
    return this.membersOf().get(group) ?? [];
  }

  /**
   * The owning Group to tell for its channel (with `channels` on): none when
   * the owner is a user, opted out or is excluded.
   */
  channelOf(ref: string): string | undefined {
    if (!this.options.rules.channels) return undefined;
    const owner = this.toldOwner(ref);
    return owner && isChannelRef(owner) ? owner : undefined;
  }

  /**
   * The members of the owners of the entities the outage reaches, and the
   * owning Groups' channels, with those entities; the root cause's own
   * owners are handling it and are not told, nor are owners who opted out.
   */
  private *owningRecipients(
    outage: UpstreamOutage,
  ): Generator<[string, ImpactedEntity]> {
    const { engine } = this.options;
    const rootOwner = engine.entity(outage.rootRef)?.owner;
    for (const impacted of outage.impacted) {
      const owner = engine.entity(impacted.ref)?.owner;
      if (!owner || owner === rootOwner) continue;
      for (const user of this.ownersOf(impacted.ref)) yield [user, impacted];
      const channel = this.channelOf(impacted.ref);
      if (channel) yield [channel, impacted];
    }
  }

  /** What a subscription can name for an entity: itself, its System, Domain and owner. */
  private targetsOf(ref: string): string[] {
    const entity = this.options.engine.entity(ref);
    return [ref, entity?.system, entity?.domain, entity?.owner].filter(
      (t): t is string => !!t,
    );
  }

  /** The followers of everything the outages reach, by target, in one read. */
  private async followersOfAll(
    outages: UpstreamOutage[],
  ): Promise<Map<string, string[]>> {
    const targets = new Set<string>();
    for (const outage of outages)
      for (const ref of [outage.rootRef, ...outage.impacted.map(i => i.ref)])
        for (const target of this.targetsOf(ref)) targets.add(target);
    const byTarget = new Map<string, string[]>();
    if (!targets.size) return byTarget;
    const subscriptions =
      await this.options.store.notifications.listSubscriptionsTo([...targets]);
    for (const s of subscriptions) addTo(byTarget, s.targetRef, s.userRef);
    return byTarget;
  }

  /**
   * The followers of anything the outage reaches: of an impacted entity, of
   * its system, domain or owner, or of the root cause itself.
   */
  private followers(outage: UpstreamOutage): [string, ImpactedEntity][] {
    const { followersOf } = this;
    const rootEntry: ImpactedEntity = {
      ref: outage.rootRef,
      level: outage.rootLevel as ImpactedEntity['level'],
      path: [outage.rootRef],
    };
    return [rootEntry, ...outage.impacted].flatMap(entry =>
      this.targetsOf(entry.ref).flatMap(target =>
        (followersOf.get(target) ?? []).map(
          user => [user, entry] as [string, ImpactedEntity],
        ),
      ),
    );
  }
}
