import { LevelChange } from '@status-layer/plugin-status-common';
import { EntitySummary } from '../catalog/catalogSnapshot';
import { RECENT_ALERTS_MS } from './AlertIndex';
import { EngineState } from './engineState';
import { FreshnessRules } from './freshness';
import { applyOwnHealth, ownHealthOf } from './ownSignals';
import { PagerDutyFacts } from './PagerDutyFacts';
import { PagerDutyFactsReader } from './PagerDutyFactsReader';
import { StatusEngineOptions } from './StatusEngineOptions';

/**
 * Alerts are read again from a little before the last read: rows another
 * replica or a slow transaction wrote with an earlier time are not missed.
 */
const ALERT_READ_OVERLAP_MS = 2_000;

/**
 * Reads signals from the store into the engine's state: PagerDuty's facts
 * whole (they are small), alerts by what changed since the last read; then
 * looks again at the own health of only the entities whose services' facts
 * or alerts changed (all of them after a full catalog build, or when an
 * account's freshness changed), propagates, and records the transitions.
 *
 * @internal
 */
export class SignalRefresher {
  /** PagerDuty's facts as last read. */
  facts: PagerDutyFacts;
  private readonly factsReader: PagerDutyFactsReader;
  /** When the alerts were last read from the store (on this process's clock). */
  private alertsReadAt?: Date;
  private queue: Promise<unknown> = Promise.resolve();
  private waiting?: Promise<LevelChange[]>;

  constructor(
    private readonly state: EngineState,
    private readonly options: StatusEngineOptions,
    private readonly clock: {
      now: () => Date;
      freshnessRules: () => FreshnessRules;
    },
  ) {
    this.facts = PagerDutyFacts.empty(options.accounts, clock.freshnessRules);
    this.factsReader = new PagerDutyFactsReader(
      options.store,
      options.accounts,
      clock.freshnessRules,
    );
  }

  /**
   * One refresh runs at a time; calls made meanwhile share the next one, so
   * a burst of webhooks costs two refreshes, not one each.
   */
  refresh(): Promise<LevelChange[]> {
    if (this.waiting) return this.waiting;
    const run = this.queue.then(() => {
      this.waiting = undefined;
      return this.refreshNow();
    });
    this.waiting = run;
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * What watches an entity: PagerDuty, through services of its annotations
   * that PagerDuty has; monitoring tools, through annotations that tie their
   * alerts to it or alerts seen lately. Monitored when either does.
   */
  monitoringOf(entity: EntitySummary): { pagerDuty: boolean; alerts: boolean } {
    return {
      pagerDuty: this.facts.serviceKeysOf(entity).length > 0,
      alerts:
        this.state.alerts.isWatched(entity.ref) ||
        entity.alertAnnotations.length > 0,
    };
  }

  private async refreshNow(): Promise<LevelChange[]> {
    const { store } = this.options;
    const { entities, alerts, ownSignatures, pendingChecks } = this.state;
    const readAt = new Date();
    const [facts, , changedAlerts] = await Promise.all([
      this.factsReader.read(),
      this.state.transitions.load(),
      // the alerts that changed since the last read; all of them the first time
      this.alertsReadAt
        ? store.alerts.listChangedSince(
            new Date(this.alertsReadAt.getTime() - ALERT_READ_OVERLAP_MS),
          )
        : store.alerts.listAlerts({
            // recently resolved alerts still show which entities a tool watches
            includeResolvedSince: new Date(
              this.clock.now().getTime() - RECENT_ALERTS_MS,
            ),
          }),
    ]);
    const touchedByAlerts = alerts.apply(changedAlerts);
    this.alertsReadAt = readAt;
    const previous = this.facts;
    this.facts = facts;
    // only the entities of services whose facts changed, and those whose
    // alerts did, are looked at again; all of them after a catalog build or
    // when an account's freshness changed
    const changedKeys =
      ownSignatures.size === 0 ? undefined : facts.changedServiceKeys(previous);
    const pending = [...pendingChecks];
    pendingChecks.clear();
    const toCheck = changedKeys
      ? [
          ...new Set([
            ...pending,
            ...touchedByAlerts,
            ...[...changedKeys].flatMap(key =>
              entities.entitiesOfServiceKey(key),
            ),
          ]),
        ]
          .map(ref => entities.get(ref))
          .filter((e): e is EntitySummary => e !== undefined)
      : entities.values();

    const { changes, ownChanged, touched } = applyOwnHealth({
      entities: toCheck,
      graph: this.state.graph,
      signatures: ownSignatures,
      // every entity is looked at: the touched ones are all of them
      trackTouched: changedKeys !== undefined,
      healthOf: entity => {
        const monitoring = this.monitoringOf(entity);
        return ownHealthOf(entity, {
          facts,
          alerts,
          monitored: monitoring.pagerDuty || monitoring.alerts,
          rules: this.options.rules,
        });
      },
    });
    // what summaries are built from: levels, root causes, own signals,
    // the services PagerDuty has (misconfiguration)
    if (ownChanged || !changedKeys || changedKeys.size) {
      this.state.changeLog.record(changedKeys ? touched : undefined);
    }
    await this.state.transitions.record(changes);
    if (changes.length) this.options.onChanges?.(changes);
    return changes;
  }
}
