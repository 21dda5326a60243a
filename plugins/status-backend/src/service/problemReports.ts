import {
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  HIDDEN_ENTITY_REF,
  MAX_AFFECTED_CHOICES,
  reportIncidentText,
  reportNoteText,
  ReportWording,
  StatusReportMeans,
  StatusReportRequest,
  StatusReportResult,
  StatusReportTarget,
  StatusReportUrgency,
} from '@status-layer/plugin-status-common';
import { StatusStore } from '../database';
import { EntitySummary } from '../catalog/catalogSnapshot';
import { StatusEngine } from '../engine/StatusEngine';
import { EventsV2Sender } from '../pagerduty/EventsV2Sender';
import { PagerDutyClient } from '../pagerduty/PagerDutyClient';
import { toStoredIncident } from '../pagerduty/mapping';
import {
  addNoteAs,
  createIncidentAs,
  findPagerDutyUser,
} from '../pagerduty/reportWrites';
import { CallerView } from './CallerAccess';
import { describeOwner, incidentView } from './entityStatus';
import { upstreamPaths } from './upstreamPaths';
import { ReportRules } from './readReportRules';

/** Where reports are sent: each PagerDuty account's REST client and Events API. */
export type ReportChannels = {
  clients: ReadonlyMap<string, PagerDutyClient>;
  events: ReadonlyMap<string, EventsV2Sender>;
};

/** The target and affected entity of a report, as the caller may see them. */
type ReportEntities = {
  target: EntitySummary;
  affected: EntitySummary;
  /** From affected to target; hidden entities masked. */
  path: string[];
};

const displayName = (entity: EntitySummary) => entity.title ?? entity.name;

/** The two entities of a report, or a 404 (the same words whether hidden or missing). */
export function reportEntities(
  engine: StatusEngine,
  view: CallerView,
  targetRef: string,
  affectedRef: string,
): ReportEntities {
  const visible = (ref: string) => {
    const entity = engine.entity(ref);
    if (!entity || !view.has(ref))
      throw new NotFoundError(`No entity ${ref} in the catalog`);
    return entity;
  };
  const target = visible(targetRef);
  const affected = visible(affectedRef);
  const path = (upstreamPaths(engine, affectedRef).get(targetRef) ?? []).map(
    ref => (view.has(ref) ? ref : HIDDEN_ENTITY_REF),
  );
  return { target, affected, path };
}

/** How a new report of this entity would reach its on-call. */
export function reportMeans(target: EntitySummary): StatusReportMeans {
  if (target.pagerDutyServiceIds.length) return 'incident';
  return target.integrationKey ? 'event' : 'none';
}

/** The target's open incidents, newest first. */
const openIncidentsOf = (engine: StatusEngine, ref: string) =>
  engine
    .incidentsOf(ref)
    .filter(i => i.status !== 'resolved')
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());

/** Kinds a reader may name as affected: what owns a PagerDuty service or an API. */
const AFFECTED_KINDS = new Set(['Component', 'Resource', 'API']);
/** How many of the target's dependents are looked among: a platform service has thousands. */
const DEPENDENTS_SEARCHED = 20_000;

/**
 * What the reader may name as the affected entity: the current one, then
 * the entities they or their groups own that depend on the target and that
 * they may see, by ref, at most {@link MAX_AFFECTED_CHOICES}. One pass over
 * the engine's entities, and the target's dependents up to a bound.
 */
function affectedChoicesOf(options: {
  engine: StatusEngine;
  view: CallerView;
  owners: ReadonlySet<string>;
  target: string;
  affected: EntitySummary;
}): { entityRef: string; title?: string }[] {
  const { engine, view, owners, affected } = options;
  const current = { entityRef: affected.ref, title: affected.title };
  if (!owners.size) return [current];
  const dependents = new Set(
    engine.dependentsOf(options.target, DEPENDENTS_SEARCHED),
  );
  const owned: EntitySummary[] = [];
  for (const entity of engine.allEntities())
    if (
      entity.owner &&
      owners.has(entity.owner) &&
      AFFECTED_KINDS.has(entity.kind) &&
      entity.ref !== affected.ref &&
      dependents.has(entity.ref) &&
      view.has(entity.ref)
    )
      owned.push(entity);
  owned.sort((a, b) => a.ref.localeCompare(b.ref));
  return [
    current,
    ...owned
      .slice(0, MAX_AFFECTED_CHOICES - 1)
      .map(e => ({ entityRef: e.ref, title: e.title })),
  ];
}

/** What a reader sees before writing a report: where it would go, and who is already on it. */
export function describeReportTarget(options: {
  engine: StatusEngine;
  view: CallerView;
  target: string;
  affected: string;
  rules: ReportRules;
  permitted: boolean;
  /** What the reader owns through (themselves, their groups): their entities they may name as affected. */
  owners?: ReadonlySet<string>;
}): StatusReportTarget {
  const { engine, view, rules } = options;
  const { target, affected, path } = reportEntities(
    engine,
    view,
    options.target,
    options.affected,
  );
  let notAllowedReason: StatusReportTarget['notAllowedReason'];
  if (!rules.enabled) notAllowedReason = 'disabled';
  else if (!options.permitted) notAllowedReason = 'permission';
  return {
    target: { entityRef: target.ref, title: target.title },
    affected: { entityRef: affected.ref, title: affected.title },
    affectedChoices: affectedChoicesOf({
      engine,
      view,
      owners: options.owners ?? new Set(),
      target: target.ref,
      affected,
    }),
    path,
    openIncidents: openIncidentsOf(engine, target.ref).map(i =>
      incidentView(i, engine, view),
    ),
    means: reportMeans(target),
    owner: describeOwner(engine, target.ref, view) ?? undefined,
    urgencies: rules.urgencies,
    allowed: notAllowedReason === undefined,
    ...(notAllowedReason ? { notAllowedReason } : {}),
  };
}

/** The reporter as the catalog knows them. */
export type Reporter = { userEntityRef: string; name: string; email?: string };

/** The deduplication key of reports of one entity: while its incident is open, PagerDuty refuses another. */
export const reportKeyOf = (targetRef: string) =>
  `status-report:${targetRef.toLocaleLowerCase('en-US')}`;

/** Says PagerDuty's refusal plainly; the reporter's text stays in their form. */
function unavailable(error: unknown): never {
  throw new ServiceUnavailableError(
    `PagerDuty did not take the report: ${
      (error as Error)?.message ?? error
    }. Nothing was sent; try again or contact the owner.`,
  );
}

/**
 * Sends one report: as a note on the target's open incident when one is
 * named, else as a new incident on its PagerDuty service (from the reporter,
 * when PagerDuty knows their address) or through its Events API integration.
 * A report that would page again while the target has an open incident is
 * refused (409), naming the incident.
 */
export async function sendReport(options: {
  engine: StatusEngine;
  store: StatusStore;
  view: CallerView;
  channels: ReportChannels;
  request: Required<Pick<StatusReportRequest, 'target' | 'affected'>> &
    Omit<StatusReportRequest, 'target' | 'affected'>;
  urgency: StatusReportUrgency;
  reporter: Reporter;
  now: Date;
  /** Told of a new incident once it is stored; resolves once pages show it. */
  onIncidentStored?: (entityRefs: string[]) => Promise<void>;
  /**
   * Called once before the first request to PagerDuty: throws when the
   * reporter may send no more (a refused or misdirected report costs nothing).
   */
  admit: () => void;
}): Promise<StatusReportResult> {
  const { engine, view, channels, request, reporter } = options;
  const { target, affected, path } = reportEntities(
    engine,
    view,
    request.target,
    request.affected,
  );
  const wording: ReportWording = {
    target: displayName(target),
    affected: displayName(affected),
    // the path's ends are named already
    via: path.slice(1, -1).map(ref => {
      if (ref === HIDDEN_ENTITY_REF) return ref;
      const entity = engine.entity(ref);
      return entity ? displayName(entity) : ref;
    }),
    description: request.description,
    reporter: reporter.email
      ? `${reporter.name} <${reporter.email}>`
      : reporter.name,
  };
  const open = openIncidentsOf(engine, target.ref);
  const pagerDutyUser = async (client: PagerDutyClient) => {
    if (!reporter.email) return undefined;
    try {
      return await findPagerDutyUser(client, reporter.email);
    } catch (error) {
      return unavailable(error);
    }
  };

  if (request.incident) {
    const incident = open.find(
      i =>
        i.account === request.incident!.account &&
        i.id === request.incident!.id,
    );
    if (!incident)
      throw new ConflictError(
        `That incident is no longer open on ${wording.target}; reload to see its current state`,
      );
    const client = channels.clients.get(incident.account);
    options.admit();
    const user = client ? await pagerDutyUser(client) : undefined;
    if (!client || !user)
      throw new ConflictError(
        `A note is added as its author, and ${
          reporter.email ?? 'your account'
        } is not a PagerDuty user's address: tell the responders of #${
          incident.number
        } directly`,
      );
    try {
      await addNoteAs(client, {
        from: user.email,
        incidentId: incident.id,
        content: reportNoteText(wording),
      });
    } catch (error) {
      unavailable(error);
    }
    return { kind: 'note', incident: incidentView(incident, engine, view) };
  }

  if (open.length)
    throw new ConflictError(
      `${wording.target} already has an open incident (#${open[0].number} ${open[0].title}): add your report to it instead of paging again`,
    );

  const means = reportMeans(target);
  const client = channels.clients.get(target.pagerDutyAccount);
  const events = channels.events.get(target.pagerDutyAccount);
  if (means !== 'none') options.admit();
  if (means === 'incident' && client) {
    const user = await pagerDutyUser(client);
    if (user) {
      const text = reportIncidentText(wording);
      let created: Awaited<ReturnType<typeof createIncidentAs>>;
      try {
        created = await createIncidentAs(client, {
          from: user.email,
          serviceId: target.pagerDutyServiceIds[0],
          title: text.title,
          details: text.details,
          urgency: options.urgency,
          incidentKey: reportKeyOf(target.ref),
        });
      } catch (error) {
        return unavailable(error);
      }
      if ('duplicate' in created)
        throw new ConflictError(
          `${wording.target} already has an open incident from an earlier report: add your report to it instead of paging again`,
        );
      const stored = toStoredIncident(created.incident, {
        account: target.pagerDutyAccount,
        observedAt: options.now,
      });
      if (!stored) return unavailable('its answer named no incident');
      await options.store.upsertIncidents([stored]);
      await options.onIncidentStored?.(
        engine.entitiesOfService(stored.account, stored.serviceId),
      );
      return {
        kind: 'incident',
        incident: incidentView(stored, engine, view),
      };
    }
  }
  if (target.integrationKey && events) {
    const text = reportIncidentText(wording);
    try {
      const sent = await events.trigger({
        routingKey: target.integrationKey,
        dedupKey: reportKeyOf(target.ref),
        summary: text.title,
        severity: options.urgency === 'high' ? 'critical' : 'warning',
        source: 'Backstage',
        customDetails: {
          details: text.details,
          reporter: wording.reporter,
          affected: affected.ref,
        },
      });
      return { kind: 'event', dedupKey: sent.dedupKey };
    } catch (error) {
      return unavailable(error);
    }
  }
  throw new ConflictError(
    means === 'none'
      ? `${wording.target} has no PagerDuty service nor integration key, so nobody can be paged from here: contact its owner`
      : `${
          reporter.email ?? 'Your account'
        } is not a PagerDuty user's address, and ${
          wording.target
        } has no integration key (pagerduty.com/integration-key) to send the report through: contact its owner`,
  );
}
