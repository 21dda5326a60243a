import { Config } from '@backstage/config';
import {
  DEFAULT_HEALTH_RULES,
  HealthRules,
  OUTAGE_LEVELS,
  OutageLevel,
} from '@status-layer/plugin-status-common';

function level(
  config: Config | undefined,
  key: string,
  fallback: OutageLevel,
): OutageLevel {
  const value = config?.getOptionalString(key);
  if (value === undefined) return fallback;
  if (!(OUTAGE_LEVELS as readonly string[]).includes(value)) {
    throw new Error(
      `Invalid status.rules ${key} "${value}": use one of ${OUTAGE_LEVELS.join(
        ', ',
      )}`,
    );
  }
  return value as OutageLevel;
}

/**
 * The health rules from `status.rules`, each field defaulting to
 * `DEFAULT_HEALTH_RULES`; an invalid level stops the backend with a message
 * naming the key.
 *
 * @internal
 */
export function readHealthRules(config: Config): HealthRules {
  const rules = config.getOptionalConfig('status.rules');
  const incidents = rules?.getOptionalConfig('incidents');
  const alerts = rules?.getOptionalConfig('alerts');
  const dependency = rules?.getOptionalConfig('defaultDependency');
  const d = DEFAULT_HEALTH_RULES;
  return {
    incidents: {
      majorOutagePriorities:
        incidents?.getOptionalStringArray('majorOutagePriorities') ??
        d.incidents.majorOutagePriorities,
      highUrgencyWithoutPriority: level(
        incidents,
        'highUrgencyWithoutPriority',
        d.incidents.highUrgencyWithoutPriority,
      ),
      highUrgency: level(incidents, 'highUrgency', d.incidents.highUrgency),
      lowUrgency: level(incidents, 'lowUrgency', d.incidents.lowUrgency),
    },
    alerts: {
      critical: level(alerts, 'critical', d.alerts.critical),
      error: level(alerts, 'error', d.alerts.error),
      warning: level(alerts, 'warning', d.alerts.warning),
      info: level(alerts, 'info', d.alerts.info),
    },
    defaultDependency: {
      propagates: (
        dependency?.getOptionalStringArray('propagates') ??
        d.defaultDependency.propagates
      ).map((value, i) => {
        if (!(OUTAGE_LEVELS as readonly string[]).includes(value)) {
          throw new Error(
            `Invalid status.rules defaultDependency.propagates[${i}] "${value}": use one of ${OUTAGE_LEVELS.join(
              ', ',
            )}`,
          );
        }
        return value as OutageLevel;
      }),
      as: level(dependency, 'as', d.defaultDependency.as),
    },
    maintenance: {
      passesOnAs: level(
        rules?.getOptionalConfig('maintenance'),
        'passesOnAs',
        'operational',
      ),
    },
  };
}
