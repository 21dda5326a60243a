import { PagerDutyDataPart } from '@status-layer/plugin-status-common';

/**
 * The Scoped OAuth scopes each part of a sync needs: those PagerDuty's
 * OpenAPI document names (`x-pd-requires-scope`) for the endpoints the part
 * calls (checked against the document by `contract.test.ts`).
 *
 * @public
 */
export const PART_SCOPES: Record<PagerDutyDataPart, readonly string[]> = {
  services: ['services.read'],
  incidents: ['incidents.read'],
  maintenance: ['services.read'],
  oncalls: ['oncalls.read'],
  alerts: ['incidents.read'],
  changes: ['change_events.read'],
  notes: ['incidents.read'],
  dependencies: ['services.read'],
  timelines: ['incidents.read'],
};

/**
 * Past incidents for MTTA and MTTR come from `POST /analytics/raw/incidents`,
 * which PagerDuty's document puts under `analytics.write` (a query sent as a
 * POST), not `analytics.read`.
 *
 * @public
 */
export const BACKFILL_SCOPES: readonly string[] = ['analytics.write'];

/** Keeping the webhook subscription: listed, created, re-enabled. */
export const WEBHOOK_SUBSCRIPTION_SCOPES: readonly string[] = [
  'webhook_subscriptions.read',
  'webhook_subscriptions.write',
];

/**
 * Every scope the status backend asks a Scoped OAuth app for; the README
 * lists the same.
 *
 * @public
 */
export const PAGERDUTY_OAUTH_SCOPES: readonly string[] = [
  ...new Set([
    ...Object.values(PART_SCOPES).flat(),
    ...BACKFILL_SCOPES,
    ...WEBHOOK_SUBSCRIPTION_SCOPES,
  ]),
].sort();

/**
 * The scopes of `needed` missing from `granted`; none when `granted` is
 * undefined (a REST API key, which is not scoped).
 */
export function missingScopes(
  needed: readonly string[],
  granted: ReadonlySet<string> | undefined,
): string[] {
  if (!granted) return [];
  return needed.filter(scope => !granted.has(scope));
}

/** "the PagerDuty app lacks the scope `oncalls.read`", for a part's freshness sentence. */
export function lacksScopesSentence(missing: readonly string[]): string {
  const named = missing.map(scope => `\`${scope}\``).join(' and ');
  return `the PagerDuty app lacks the scope${
    missing.length > 1 ? 's' : ''
  } ${named}`;
}
