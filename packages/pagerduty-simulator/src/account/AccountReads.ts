import { EventEmitter } from 'node:events';
import {
  BusinessService,
  EscalationPolicy,
  Incident,
  MaintenanceWindow,
  Priority,
  Schedule,
  Service,
  ServiceDependency,
  Team,
  User,
  WebhookSubscription,
} from '../model';
import { Random } from '../random';
import { ChangeEventLog } from '../changeEvents';
import { AccountChange, UnknownObjectError } from './errors';

/**
 * What the simulated PagerDuty account holds, the reads of it, and the
 * `changes` emitter every change is announced on.
 */
export class AccountReads {
  readonly teams = new Map<string, Team>();
  readonly users = new Map<string, User>();
  readonly schedules = new Map<string, Schedule>();
  readonly escalationPolicies = new Map<string, EscalationPolicy>();
  readonly services = new Map<string, Service>();
  readonly priorities: Priority[] = [];
  readonly incidents = new Map<string, Incident>();
  readonly maintenanceWindows = new Map<string, MaintenanceWindow>();
  readonly webhookSubscriptions = new Map<string, WebhookSubscription>();
  readonly businessServices = new Map<string, BusinessService>();
  /** PagerDuty's service graph: which service needs which (see `seed/seedDependencies.ts`). */
  readonly serviceDependencies: ServiceDependency[] = [];
  readonly changes = new EventEmitter();
  /** Deploys and other changes, as the Events API's change events record them. */
  readonly changeEvents: ChangeEventLog;

  constructor(readonly random: Random, readonly now: () => Date) {
    this.changeEvents = new ChangeEventLog(random, now);
  }

  // ---- reads ---------------------------------------------------------------

  service(idOrEntityName: string): Service {
    const byId = this.services.get(idOrEntityName);
    if (byId) return byId;
    for (const service of this.services.values()) {
      if (
        service.entityName === idOrEntityName ||
        service.name === idOrEntityName
      ) {
        return service;
      }
    }
    throw new UnknownObjectError('service', idOrEntityName);
  }

  incident(idOrNumber: string): Incident {
    const byId = this.incidents.get(idOrNumber);
    if (byId) return byId;
    const number = Number(idOrNumber);
    for (const incident of this.incidents.values()) {
      if (incident.number === number) return incident;
    }
    throw new UnknownObjectError('incident', idOrNumber);
  }

  priorityByName(name: string): Priority {
    const priority = this.priorities.find(
      p => p.name.toLowerCase() === name.toLowerCase(),
    );
    if (!priority) throw new UnknownObjectError('priority', name);
    return priority;
  }

  /** Who is on call now for each level of a policy (level 1 first). */
  onCallNow(policy: EscalationPolicy, at: Date = this.now()) {
    return policy.rules.map((rule, index) => {
      const target = rule.targets[0];
      if (target.type === 'user') {
        return {
          level: index + 1,
          rule,
          userId: target.id,
          schedule: undefined,
          start: undefined,
          end: undefined,
        };
      }
      const schedule = this.schedules.get(target.id)!;
      const shiftMs = schedule.shiftHours * 3600_000;
      const elapsed = at.getTime() - schedule.rotationStart.getTime();
      const shift = Math.floor(elapsed / shiftMs);
      const index2 =
        ((shift % schedule.userIds.length) + schedule.userIds.length) %
        schedule.userIds.length;
      const start = new Date(
        schedule.rotationStart.getTime() + shift * shiftMs,
      );
      return {
        level: index + 1,
        rule,
        userId: schedule.userIds[index2],
        schedule,
        start,
        end: new Date(start.getTime() + shiftMs),
      };
    });
  }

  openIncidents(): Incident[] {
    return [...this.incidents.values()].filter(i => i.status !== 'resolved');
  }

  ongoingMaintenance(at: Date = this.now()): MaintenanceWindow[] {
    return [...this.maintenanceWindows.values()].filter(
      w => w.startTime <= at && w.endTime > at,
    );
  }

  // ---- announcing changes ----------------------------------------------------

  protected emit(
    change: Omit<AccountChange, 'occurredAt'> & { occurredAt?: Date },
  ) {
    this.changes.emit('change', { occurredAt: this.now(), ...change });
  }

  /** Announces a change made outside this class (notes, status updates: see incidentUpdates.ts). */
  announce(change: AccountChange) {
    this.emit(change);
  }

  protected userName(id: string) {
    return this.users.get(id)?.name ?? id;
  }
}
