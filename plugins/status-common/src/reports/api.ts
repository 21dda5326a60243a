import { StatusIncident, StatusOwner } from '../api';

/**
 * The urgency a reader may ask for when a report opens a new incident.
 *
 * @public
 */
export type StatusReportUrgency = 'high' | 'low';

/**
 * How a new report reaches the target's on-call:
 * - `incident`: an incident on its PagerDuty service, from the reporter when
 *   their e-mail address is a PagerDuty user's (else through `event` when the
 *   target also has an integration key);
 * - `event`: an Events API v2 trigger on its `pagerduty.com/integration-key`;
 * - `none`: the target has neither, so only its owner can be contacted.
 *
 * @public
 */
export type StatusReportMeans = 'incident' | 'event' | 'none';

/**
 * What `GET /reports/target?target=&affected=` answers before a report is
 * written: where it would go and whether someone is already on it.
 *
 * @public
 */
export type StatusReportTarget = {
  target: { entityRef: string; title?: string };
  affected: { entityRef: string; title?: string };
  /**
   * The entities the reader may name as the affected one: the affected
   * entity, then those the reader or their groups own that depend on the
   * target (at most {@link MAX_AFFECTED_CHOICES}, by ref).
   */
  affectedChoices: { entityRef: string; title?: string }[];
  /**
   * From the affected entity to the target along `dependsOn`: entity refs,
   * with {@link HIDDEN_ENTITY_REF} for an entity the reader may not see.
   * Empty when the target is not upstream of the affected entity.
   */
  path: string[];
  /** The target's open incidents: a report is added to one of them, not paged again. */
  openIncidents: StatusIncident[];
  means: StatusReportMeans;
  owner?: StatusOwner;
  /** The urgencies config allows for a new incident, the default first. */
  urgencies: StatusReportUrgency[];
  /** Whether this reader may report (the `status.incident.create` permission and config). */
  allowed: boolean;
  /** Why not, when not allowed: `disabled` by config or `permission`. */
  notAllowedReason?: 'disabled' | 'permission';
};

/**
 * The most entities a reader is offered to name as the affected one.
 *
 * @public
 */
export const MAX_AFFECTED_CHOICES = 20;

/**
 * The body of `POST /reports`.
 *
 * @public
 */
export type StatusReportRequest = {
  /** The entity that seems to fail. */
  target: string;
  /** The reader's entity that suffers from it. */
  affected: string;
  /** What the reader sees, at most {@link MAX_REPORT_DESCRIPTION_LENGTH} characters. */
  description: string;
  /** For a new incident; the first allowed one when absent. */
  urgency?: StatusReportUrgency;
  /** Adds the report as a note to this open incident of the target instead of paging. */
  incident?: { account: string; id: string };
};

/**
 * What `POST /reports` did.
 *
 * @public
 */
export type StatusReportResult =
  | { kind: 'note'; incident: StatusIncident }
  | { kind: 'incident'; incident: StatusIncident }
  | {
      kind: 'event';
      /** The Events API's deduplication key: reports of one target while it is open share one incident. */
      dedupKey: string;
    };
