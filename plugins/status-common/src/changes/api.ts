import { StatusPartFreshness } from '../freshness';
import { OutageLevel } from '../health';

/**
 * What went wrong after a change, on the changed entity or on the entity
 * whose changes are listed: the first worsening into an outage within
 * {@link CHANGE_FOLLOW_UP_MINUTES}.
 *
 * @public
 */
export type ChangeFollowUp = {
  entityRef: string;
  /** The level it worsened to. */
  level: Exclude<OutageLevel, 'operational'>;
  at: string;
  /** Whole minutes between the change and the worsening. */
  minutesAfter: number;
  /** The title of the PagerDuty incident opened then, when an incident marks it. */
  incident?: string;
};

/**
 * One change (a deploy, a configuration change) that PagerDuty recorded on
 * the PagerDuty service of an entity or of one of its upstreams.
 *
 * @public
 */
export type StatusChange = {
  /** PagerDuty's change event ID. */
  id: string;
  at: string;
  summary: string;
  /** Where it came from (e.g. a pipeline). */
  source?: string;
  links: { href: string; text?: string }[];
  /** The entity whose service changed. */
  entityRef: string;
  /**
   * From the listed entity to the changed one along `dependsOn`: just the
   * entity itself for its own changes.
   */
  path: string[];
  followedBy?: ChangeFollowUp;
};

/**
 * The recent changes of an entity and of its upstreams, as
 * `GET /entities/:kind/:namespace/:name/changes` returns them.
 *
 * @public
 */
export type StatusChanges = {
  entityRef: string;
  /** The window, in hours before `generatedAt`. */
  hours: number;
  /** Newest first. */
  changes: StatusChange[];
  /** Changes on upstreams the reader may not see: counted, never shown. */
  hiddenChanges: number;
  /** More changes happened in the window than one answer holds. */
  truncated: boolean;
  /** How fresh the change events of each PagerDuty account involved are. */
  freshness: (StatusPartFreshness & { account: string })[];
  generatedAt: string;
};
