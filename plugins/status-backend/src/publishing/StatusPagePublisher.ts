import { LoggerService } from '@backstage/backend-plugin-api';
import { HealthLevel, rollUp } from '@status-layer/plugin-status-common';
import { StatusStore } from '../database';
import { StatusEngine } from '../engine/StatusEngine';
import { PagerDutyClient } from '../pagerduty/PagerDutyClient';
import {
  addStatusPagePostUpdate,
  openStatusPagePost,
  readStatusPage,
  StatusPageObjects,
  StatusPageUpdate,
} from '../pagerduty/statusPageWrites';
import { PUBLISHED_LEVELS, StatusPageRule } from './readStatusPageRules';

/** The page's objects are read again after this long (services and choices rarely change). */
const OBJECTS_MAX_AGE_MS = 10 * 60_000;

/** What the publisher keeps of one page, in the store: restarts resume from it. */
type PageState = {
  /** The incident post it opened and keeps updating, until all is operational. */
  postId?: string;
  /** Each service's impact as last published (absent: operational). */
  published: Record<string, string>;
  /** An impact waiting to have held for the minimum duration, and since when. */
  pending: Record<string, { impact: string; since: number }>;
  lastWriteAt?: number;
  /** The maintenance post it opened, and the services it shows under maintenance. */
  maintenance?: { postId: string; serviceIds: string[] };
};

/** What one run did. */
export type StatusPagesRun = { written: number; failed: number };

/** The freshness source of a page: its own part, apart from the PagerDuty sync's. */
export const statusPageSource = (rule: StatusPageRule) =>
  `status-page:${rule.account}:${rule.page}`;

/**
 * Keeps PagerDuty status pages in step with the entities config maps to
 * their services: each service shows its entity's level (its own signals,
 * or with its upstreams when the page says `inherited`; a System's is the
 * worst of its parts') as an impact, once
 * that level has held for the minimum duration, through one incident post
 * opened when something is not operational, updated as impacts change and
 * resolved when all is operational again. A service whose entity is under a
 * PagerDuty maintenance window is shown in a maintenance post of its own,
 * with the window's start and end, at once, completed when it ends. Writes to a page are spaced by its
 * minimum interval; a level not known (stale data) publishes nothing. What
 * was published is stored, so a restart or another replica resumes without
 * opening a second post; a failed write is tried again next run and marks
 * the page's own freshness source stale, with PagerDuty's answer.
 */
export class StatusPagePublisher {
  private readonly objects = new Map<
    string,
    { at: number; objects: StatusPageObjects }
  >();

  constructor(
    private readonly options: {
      engine: StatusEngine;
      store: StatusStore;
      clients: ReadonlyMap<string, PagerDutyClient>;
      rules: StatusPageRule[];
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  async run(): Promise<StatusPagesRun> {
    const result: StatusPagesRun = { written: 0, failed: 0 };
    if (!this.options.engine.ready) return result;
    for (const rule of this.options.rules) {
      try {
        if (await this.publish(rule)) result.written += 1;
        await this.options.store.recordSourceAttempt(statusPageSource(rule), {
          at: this.now(),
          ok: true,
          via: 'poll',
        });
      } catch (error) {
        result.failed += 1;
        const message = `Could not keep the PagerDuty status page "${rule.page}" in step; tried again next run: ${error}`;
        this.options.logger.warn(message);
        await this.options.store.recordSourceAttempt(statusPageSource(rule), {
          at: this.now(),
          ok: false,
          error: String(error),
        });
      }
    }
    return result;
  }

  /** One page: answers whether it wrote. */
  private async publish(rule: StatusPageRule): Promise<boolean> {
    const { store } = this.options;
    const client = this.options.clients.get(rule.account);
    if (!client) throw new Error(`no PagerDuty client for ${rule.account}`);
    const page = await this.objectsOf(rule, client);
    const key = statusPageSource(rule);
    const stored = await store.getMeta(key);
    const state: PageState = stored
      ? JSON.parse(stored.value)
      : { published: {}, pending: {} };
    const now = this.now().getTime();

    const next = { ...state.published };
    let waiting = false;
    const serviceIds: string[] = [];
    /** Services whose entity is under maintenance now, with its window. */
    const maintained = new Map<string, { startsAt: Date; endsAt: Date }>();
    for (const component of rule.components) {
      const serviceId = page.services.get(component.service);
      if (!serviceId)
        throw new Error(
          `the page has no service "${component.service}" (for ${component.entityRef})`,
        );
      serviceIds.push(serviceId);
      const level = this.levelOf(rule, component.entityRef);
      // not known (stale data, or not in the catalog): the page keeps what it shows
      if (level === undefined) continue;
      if (level === 'under_maintenance') {
        const window = this.windowOf(component.entityRef);
        if (window) maintained.set(serviceId, window);
      }
      const impact = this.impactOf(rule, level);
      const shown = state.published[serviceId] ?? rule.operational;
      if (impact === shown) {
        delete state.pending[serviceId];
        continue;
      }
      const pending = state.pending[serviceId];
      if (pending?.impact !== impact)
        state.pending[serviceId] = { impact, since: now };
      if (now - state.pending[serviceId].since >= rule.minDurationMs) {
        next[serviceId] = impact;
      } else waiting = true;
    }
    const changed = Object.keys({ ...next, ...state.published }).some(
      id =>
        (next[id] ?? rule.operational) !==
        (state.published[id] ?? rule.operational),
    );
    const shownMaintained = state.maintenance?.serviceIds ?? [];
    // planned, with a window: shown at once, without the minimum duration
    const maintenanceChanged =
      [...maintained.keys()].sort().join() !==
      [...shownMaintained].sort().join();
    const spaced = () =>
      state.lastWriteAt === undefined ||
      now - state.lastWriteAt >= rule.minIntervalMs;
    let wrote = false;
    if (changed && spaced())
      wrote = await this.writeIncident(rule, client, page, state, {
        next,
        serviceIds,
        now,
      });
    if (maintenanceChanged && spaced()) {
      await this.writeMaintenance(rule, client, page, state, maintained);
      state.lastWriteAt = now;
      wrote = true;
    }
    // pending levels are kept for the next run
    if (wrote || waiting || changed || maintenanceChanged)
      await store.setMeta(key, JSON.stringify(state));
    return wrote;
  }

  /** Opens, updates or resolves the incident post; answers whether it wrote. */
  private async writeIncident(
    rule: StatusPageRule,
    client: PagerDutyClient,
    page: StatusPageObjects,
    state: PageState,
    levels: { next: Record<string, string>; serviceIds: string[]; now: number },
  ): Promise<boolean> {
    const { next, serviceIds, now } = levels;
    const impacted = Object.entries(next).filter(
      ([, impact]) => impact !== rule.operational,
    );
    let severity = 'All good';
    if (impacted.some(([, impact]) => impact !== rule.impacts.degraded))
      severity = 'Major';
    else if (impacted.length) severity = 'Minor';
    const update = (status: string): StatusPageUpdate => ({
      message: this.messageOf(rule, page, impacted.length),
      statusId: this.choice(page.statuses, status, 'status'),
      severityId: this.choice(page.severities, severity, 'severity'),
      // every service of the rule, operational ones said so
      impacted: [...new Set(serviceIds)].map(serviceId => ({
        serviceId,
        impactId: this.choice(
          page.impacts,
          next[serviceId] ?? rule.operational,
          'impact',
        ),
      })),
    });
    if (!state.postId) {
      if (!impacted.length) return false;
      state.postId = await openStatusPagePost(client, page.id, {
        title: rule.title,
        update: update('Investigating'),
      });
    } else {
      await addStatusPagePostUpdate(
        client,
        page.id,
        state.postId,
        update(impacted.length ? 'Identified' : 'Resolved'),
      );
      if (!impacted.length) state.postId = undefined;
    }
    for (const [serviceId, impact] of Object.entries(next)) {
      delete state.pending[serviceId];
      if (impact === rule.operational) delete next[serviceId];
    }
    state.published = next;
    state.lastWriteAt = now;
    return true;
  }

  /**
   * Opens a maintenance post (its window the earliest start and latest end
   * of the windows), updates it when the services under maintenance change,
   * and completes it when none is.
   */
  private async writeMaintenance(
    rule: StatusPageRule,
    client: PagerDutyClient,
    page: StatusPageObjects,
    state: PageState,
    maintained: Map<string, { startsAt: Date; endsAt: Date }>,
  ): Promise<void> {
    const choices = page.maintenance;
    const update = (
      status: string,
      serviceIds: string[],
    ): StatusPageUpdate => ({
      message: serviceIds.length
        ? `${serviceIds.length} of ${rule.components.length} services of ${page.name} are under planned maintenance.`
        : 'The planned maintenance is over.',
      statusId: this.choice(choices.statuses, status, 'maintenance status'),
      severityId: this.choice(
        choices.severities,
        'Maintenance',
        'maintenance severity',
      ),
      impacted: serviceIds.map(serviceId => ({
        serviceId,
        impactId: this.choice(
          choices.impacts,
          rule.maintenanceImpact,
          'maintenance impact',
        ),
      })),
    });
    const serviceIds = [...maintained.keys()];
    if (!state.maintenance) {
      const windows = [...maintained.values()];
      const postId = await openStatusPagePost(client, page.id, {
        title: rule.maintenanceTitle,
        update: update('In progress', serviceIds),
        kind: {
          postType: 'maintenance',
          startsAt: new Date(
            Math.min(...windows.map(w => w.startsAt.getTime())),
          ),
          endsAt: new Date(Math.max(...windows.map(w => w.endsAt.getTime()))),
        },
      });
      state.maintenance = { postId, serviceIds };
      return;
    }
    const done = serviceIds.length === 0;
    await addStatusPagePostUpdate(
      client,
      page.id,
      state.maintenance.postId,
      update(done ? 'Completed' : 'In progress', serviceIds),
    );
    state.maintenance = done
      ? undefined
      : { postId: state.maintenance.postId, serviceIds };
  }

  /**
   * The ongoing maintenance of an entity's PagerDuty services (a System's:
   * of its parts'), earliest start to latest end; undefined when none is
   * known, so nothing is published on a guess.
   */
  private windowOf(
    entityRef: string,
  ): { startsAt: Date; endsAt: Date } | undefined {
    const { engine } = this.options;
    const now = this.now().getTime();
    const refs =
      engine.entity(entityRef)?.kind.toLocaleLowerCase('en-US') === 'system'
        ? [...engine.allEntities()]
            .filter(e => e.system === entityRef && e.kind !== 'System')
            .map(e => e.ref)
        : [entityRef];
    const ongoing = refs
      .flatMap(ref => engine.maintenanceOf(ref))
      .map(w => ({
        startsAt: new Date(w.startTime),
        endsAt: new Date(w.endTime),
      }))
      .filter(w => w.startsAt.getTime() <= now && w.endsAt.getTime() > now);
    if (!ongoing.length) return undefined;
    return {
      startsAt: new Date(Math.min(...ongoing.map(w => w.startsAt.getTime()))),
      endsAt: new Date(Math.max(...ongoing.map(w => w.endsAt.getTime()))),
    };
  }

  /**
   * The level a page shows for an entity, or for a System the worst of its
   * parts'; undefined when it (or any part) is not known.
   */
  private levelOf(
    rule: StatusPageRule,
    entityRef: string,
  ): HealthLevel | undefined {
    const { engine } = this.options;
    const entity = engine.entity(entityRef);
    if (!entity) return undefined;
    const levelOfOne = (ref: string) => {
      const levels = engine.levels(ref);
      return rule.inherited ? levels.effective : levels.own ?? 'operational';
    };
    if (entity.kind.toLocaleLowerCase('en-US') !== 'system') {
      const level = levelOfOne(entityRef);
      return level === 'unknown' ? undefined : level;
    }
    const parts = [...engine.allEntities()]
      .filter(e => e.system === entityRef && e.kind !== 'System')
      .map(e => ({ ref: e.ref, level: levelOfOne(e.ref) }));
    if (!parts.length || parts.some(p => p.level === 'unknown'))
      return undefined;
    return rollUp(parts).level;
  }

  private impactOf(rule: StatusPageRule, level: HealthLevel): string {
    return (PUBLISHED_LEVELS as readonly string[]).includes(level)
      ? rule.impacts[level as (typeof PUBLISHED_LEVELS)[number]]
      : rule.operational;
  }

  private messageOf(
    rule: StatusPageRule,
    page: StatusPageObjects,
    impacted: number,
  ): string {
    if (!impacted) return 'All services are operational again.';
    return `${impacted} of ${rule.components.length} services of ${page.name} are affected; this page follows the services' monitoring.`;
  }

  private choice(
    choices: Map<string, string>,
    description: string,
    what: string,
  ): string {
    const id = choices.get(description);
    if (!id)
      throw new Error(`the page has no ${what} described "${description}"`);
    return id;
  }

  private async objectsOf(rule: StatusPageRule, client: PagerDutyClient) {
    const key = statusPageSource(rule);
    const kept = this.objects.get(key);
    const now = this.now().getTime();
    if (kept && now - kept.at < OBJECTS_MAX_AGE_MS) return kept.objects;
    const objects = await readStatusPage(client, rule.page);
    this.objects.set(key, { at: now, objects });
    return objects;
  }

  private now() {
    return this.options.now?.() ?? new Date();
  }
}
