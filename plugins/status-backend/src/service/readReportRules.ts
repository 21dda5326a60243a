import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { StatusReportUrgency } from '@status-layer/plugin-status-common';

/** How readers may report problems (`status.reports`). */
export type ReportRules = {
  /** On unless `status.reports.enabled` is false. */
  enabled: boolean;
  /** Urgencies a new incident may have, the default first. */
  urgencies: StatusReportUrgency[];
  /** Reports one user may send per hour. */
  maxPerUserPerHour: number;
};

/** `status.reports` from config, checked. */
export function readReportRules(config: Config): ReportRules {
  const section = config.getOptionalConfig('status.reports');
  const urgencies = section?.getOptionalStringArray('urgencies') ?? [
    'low',
    'high',
  ];
  if (
    urgencies.length === 0 ||
    urgencies.some(u => u !== 'low' && u !== 'high') ||
    new Set(urgencies).size !== urgencies.length
  ) {
    throw new InputError(
      `status.reports.urgencies must list low and/or high once each, the default first, not [${urgencies.join(
        ', ',
      )}]`,
    );
  }
  const maxPerUserPerHour =
    section?.getOptionalNumber('maxPerUserPerHour') ?? 5;
  if (
    !Number.isInteger(maxPerUserPerHour) ||
    maxPerUserPerHour < 1 ||
    maxPerUserPerHour > 1_000
  ) {
    throw new InputError(
      'status.reports.maxPerUserPerHour must be a whole number from 1 to 1000',
    );
  }
  return {
    enabled: section?.getOptionalBoolean('enabled') ?? true,
    urgencies: urgencies as StatusReportUrgency[],
    maxPerUserPerHour,
  };
}
