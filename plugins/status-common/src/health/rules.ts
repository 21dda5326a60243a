import { compareLevels, HealthLevel, OutageLevel, worstLevel } from './levels';

/**
 * How signals map to levels, and how far upstream impact travels.
 * Every field can be set in app-config under `status.rules`.
 *
 * @public
 */
export type HealthRules = {
  incidents: {
    /** Priorities that make an incident a major outage whatever its urgency (default P1). */
    majorOutagePriorities: string[];
    /** A high-urgency incident without priority (default major outage). */
    highUrgencyWithoutPriority: OutageLevel;
    /** A high-urgency incident with another priority (default partial outage). */
    highUrgency: OutageLevel;
    /** A low-urgency incident (default degraded). */
    lowUrgency: OutageLevel;
  };
  /** Monitoring alert severities (default critical → major, error → partial, warning → degraded, info → operational). */
  alerts: Record<'critical' | 'error' | 'warning' | 'info', OutageLevel>;
  /** What an ordinary (not critical) dependency passes on. */
  defaultDependency: {
    /** Upstream levels that impact dependents (default partial and major outage). */
    propagates: OutageLevel[];
    /** The level dependents then get (default degraded). */
    as: OutageLevel;
  };
  /**
   * Whether an entity under maintenance alarms its dependents: it then
   * passes on as this level, over its dependency edges like an outage of
   * that level (`operational` or absent, the default: it never does).
   */
  maintenance?: { passesOnAs: OutageLevel };
};

/**
 * The default {@link HealthRules}.
 *
 * @public
 */
export const DEFAULT_HEALTH_RULES: HealthRules = {
  incidents: {
    majorOutagePriorities: ['P1'],
    highUrgencyWithoutPriority: 'major_outage',
    highUrgency: 'partial_outage',
    lowUrgency: 'degraded',
  },
  alerts: {
    critical: 'major_outage',
    error: 'partial_outage',
    warning: 'degraded',
    info: 'operational',
  },
  defaultDependency: {
    propagates: ['partial_outage', 'major_outage'],
    as: 'degraded',
  },
  maintenance: { passesOnAs: 'operational' },
};

/**
 * An active PagerDuty incident, as far as the health model needs it.
 *
 * @public
 */
export type IncidentSignal = {
  kind: 'incident';
  id: string;
  title: string;
  urgency: 'high' | 'low';
  /** Priority name (P1…P5), when set. */
  priority?: string;
};

/**
 * A firing monitoring alert, as far as the health model needs it.
 *
 * @public
 */
export type AlertSignal = {
  kind: 'alert';
  id: string;
  title: string;
  severity: 'critical' | 'error' | 'warning' | 'info';
};

/**
 * Something that can raise an entity's own level.
 *
 * @public
 */
export type Signal = IncidentSignal | AlertSignal;

/**
 * A signal with the level it raises the entity to.
 *
 * @public
 */
export type SignalReason = { signal: Signal; level: OutageLevel };

/**
 * The level one signal raises its entity to.
 *
 * @public
 */
export function signalLevel(
  signal: Signal,
  rules: HealthRules = DEFAULT_HEALTH_RULES,
): OutageLevel {
  if (signal.kind === 'alert') {
    return rules.alerts[signal.severity];
  }
  const { incidents } = rules;
  if (
    signal.priority &&
    incidents.majorOutagePriorities.includes(signal.priority)
  ) {
    return 'major_outage';
  }
  if (signal.urgency === 'low') {
    return incidents.lowUrgency;
  }
  return signal.priority
    ? incidents.highUrgency
    : incidents.highUrgencyWithoutPriority;
}

/**
 * What is known of an entity's own sources.
 *
 * @public
 */
export type OwnSources = {
  /** Whether the entity has any signal source (PagerDuty service, alert source). */
  monitored: boolean;
  /** Active incidents and firing alerts. */
  signals: Signal[];
  /** An ongoing maintenance window on one of its PagerDuty services. */
  underMaintenance: boolean;
  /** The entity's sources are too stale to trust (or were never read). */
  stale: boolean;
};

/**
 * An entity's own health: its level (undefined when not monitored) and the
 * signals that raised it, worst first.
 *
 * @public
 */
export type OwnHealth = {
  level: HealthLevel | undefined;
  reasons: SignalReason[];
};

/**
 * The own level of an entity: the worst of its signals; `under_maintenance`
 * during maintenance (its signals stay listed but do not raise the level);
 * `unknown` when its sources are stale, unless a signal still known shows an
 * outage; none when it is not monitored.
 *
 * @public
 */
export function ownHealth(
  sources: OwnSources,
  rules: HealthRules = DEFAULT_HEALTH_RULES,
): OwnHealth {
  const reasons = sources.signals
    .map(signal => ({ signal, level: signalLevel(signal, rules) }))
    .filter(reason => reason.level !== 'operational')
    .sort((a, b) => compareLevels(b.level, a.level));
  if (!sources.monitored) {
    return { level: undefined, reasons };
  }
  if (sources.underMaintenance) {
    return { level: 'under_maintenance', reasons };
  }
  if (sources.stale) {
    // a known outage (e.g. from a webhook) still outranks not knowing
    return {
      level: worstLevel(['unknown', ...reasons.map(r => r.level)]),
      reasons,
    };
  }
  return { level: worstLevel(reasons.map(r => r.level)), reasons };
}

/**
 * The level a dependent gets from an upstream at `level` over one edge: a
 * critical dependency passes outages through unchanged; an ordinary one turns
 * the configured upstream levels into the configured impact.
 *
 * @public
 */
export function inheritedOverEdge(
  level: HealthLevel,
  critical: boolean,
  rules: HealthRules = DEFAULT_HEALTH_RULES,
): OutageLevel {
  if (
    level !== 'degraded' &&
    level !== 'partial_outage' &&
    level !== 'major_outage'
  ) {
    return 'operational';
  }
  if (critical) {
    return level;
  }
  return rules.defaultDependency.propagates.includes(level)
    ? rules.defaultDependency.as
    : 'operational';
}
