import {
  COVERAGE_LIMITS,
  CoverageReason,
  CoverageSuggestion,
  teamNameKey,
} from '@status-layer/plugin-status-common';
import { EntitySummary } from '../catalog/catalogSnapshot';
import { StoredService } from '../database';
import { StatusEngine } from '../engine/StatusEngine';
import { CallerView } from './CallerAccess';

/** Entities looked at per name before the reasons are weighed. */
const NAME_MATCHES = 10;

/** Reasons without repeats, in the order found. */
class Reasons {
  readonly list: CoverageReason[] = [];
  add(reason: CoverageReason) {
    const key = JSON.stringify(reason);
    if (!this.list.some(r => JSON.stringify(r) === key)) this.list.push(reason);
  }
}

/**
 * The components a PagerDuty service most likely belongs to, among those
 * the caller may read, each with why: its name is like the service's, its
 * owner is one of the service's teams, the service's escalation policy is
 * named like it or like its owner.
 *
 * @remarks
 * Names weigh most (the catalog's {@link StatusEngine.entityNames}, the
 * index that also suggests entities for unmatched alerts); a team or
 * escalation policy adds to a name, and alone suggests the team's
 * components that have no PagerDuty service yet. Entities the caller may
 * not read are never weighed, so they take no place in the list.
 */
export class ServiceSuggestions {
  /** Groups the caller may read, by what their names say of the team. */
  private readonly groupsByTeam = new Map<string, Set<string>>();
  /** Components the caller may read, by owner. */
  private readonly componentsByOwner = new Map<string, EntitySummary[]>();
  private readonly readable: (ref: string) => boolean;

  constructor(
    private readonly engine: StatusEngine,
    view: CallerView,
    components: EntitySummary[],
    /** Direct dependents the caller may read, per component. */
    private readonly dependents: Map<string, number>,
  ) {
    this.readable = ref =>
      ref.startsWith('component:') &&
      view.has(ref) &&
      engine.entity(ref) !== undefined;
    for (const entity of engine.allEntities()) {
      if (entity.kind !== 'Group' || !view.has(entity.ref)) continue;
      for (const name of this.groupNames(entity.ref)) {
        const key = teamNameKey(name);
        if (!key) continue;
        const refs = this.groupsByTeam.get(key) ?? new Set<string>();
        refs.add(entity.ref);
        this.groupsByTeam.set(key, refs);
      }
    }
    for (const component of components) {
      if (!component.owner) continue;
      const list = this.componentsByOwner.get(component.owner) ?? [];
      list.push(component);
      this.componentsByOwner.set(component.owner, list);
    }
  }

  /** The likeliest components for a service, best first. */
  suggest(service: StoredService): CoverageSuggestion[] {
    const found = new Map<string, { score: number; reasons: Reasons }>();
    const add = (ref: string, score: number, reason: CoverageReason) => {
      const entry = found.get(ref) ?? { score: 0, reasons: new Reasons() };
      entry.score += score;
      entry.reasons.add(reason);
      found.set(ref, entry);
    };
    const closest = (name: string) =>
      this.engine.entityNames.closest([name], {
        max: NAME_MATCHES,
        allow: this.readable,
      });
    for (const match of closest(service.name))
      add(match.ref, match.score, { kind: 'name' });
    const policy = service.escalationPolicyName;
    // a policy is mostly a team's: only a whole name like it names a component
    if (policy)
      for (const match of closest(policy))
        if (match.score > 1)
          add(match.ref, match.score / 2, {
            kind: 'escalation_policy',
            policy,
          });

    // the service's teams, as the catalog's groups the caller may read
    const teamOf = new Map<string, string>();
    for (const team of service.teams)
      for (const group of this.groupsByTeam.get(teamNameKey(team.name)) ?? [])
        teamOf.set(group, team.name);
    const policyGroups = policy
      ? this.groupsByTeam.get(teamNameKey(policy)) ?? new Set<string>()
      : new Set<string>();
    if (found.size === 0) {
      // nothing named like it: the team's components without a service
      for (const group of new Set([...teamOf.keys(), ...policyGroups]))
        for (const component of this.componentsByOwner.get(group) ?? [])
          if (component.pagerDutyServiceIds.length === 0)
            found.set(component.ref, {
              score: (this.dependents.get(component.ref) ?? 0) / 1000,
              reasons: new Reasons(),
            });
    }
    for (const [ref, entry] of found) {
      const entity = this.engine.entity(ref);
      // one without a service of its own is the likelier home of this one
      if (entity && entity.pagerDutyServiceIds.length === 0)
        entry.score += 0.75;
      const owner = entity?.owner;
      const team = owner && teamOf.get(owner);
      if (team) {
        entry.score += 1;
        entry.reasons.add({ kind: 'team', team });
      }
      if (policy && owner && policyGroups.has(owner)) {
        entry.score += 0.5;
        entry.reasons.add({ kind: 'escalation_policy', policy });
      }
    }
    return [...found]
      .sort(([a, x], [b, y]) => y.score - x.score || a.localeCompare(b))
      .slice(0, COVERAGE_LIMITS.suggestions)
      .map(([entityRef, { reasons }]) => ({
        entityRef,
        reasons: reasons.list,
      }));
  }

  private groupNames(ref: string): string[] {
    const group = this.engine.entity(ref);
    return [group?.name, group?.title, group?.contact?.displayName].filter(
      (name): name is string => Boolean(name),
    );
  }
}
