import { CoverageComponent } from '@status-layer/plugin-status-common';
import { CoverageWords } from './useCoverageWords';

/** What watches a component, in words: its sources, or "not monitored". */
export function monitoredByText(
  component: CoverageComponent,
  words: CoverageWords,
): string {
  if (!component.monitoredBy.length) return words('notMonitored');
  return component.monitoredBy
    .map(source =>
      source === 'pagerduty' ? words('byPagerDuty') : words('byAlerts'),
    )
    .join(', ');
}

/** A component's PagerDuty services and where the mapping comes from, in words. */
export function pagerDutyText(
  component: CoverageComponent,
  words: CoverageWords,
): string {
  const { pagerDuty, pendingMapping } = component;
  if (pagerDuty)
    return `${pagerDuty.serviceIds.join(' ')} (${
      pagerDuty.mappedBy === 'portal'
        ? words('mappedByPortal')
        : words('mappedByYaml')
    })`;
  if (pendingMapping)
    return words('pendingMapping', { serviceId: pendingMapping.serviceId });
  return '';
}

/** The components as CSV rows, with a header row in the reader's language. */
export function componentCsvRows(
  components: CoverageComponent[],
  words: CoverageWords,
): (string | number | undefined)[][] {
  return [
    [
      words('columnComponent'),
      words('columnLifecycle'),
      words('columnProduction'),
      words('columnOwner'),
      words('columnSystem'),
      words('columnDomain'),
      words('columnMonitoredBy'),
      words('columnDependents'),
      words('columnPagerDuty'),
    ],
    ...components.map(c => [
      c.entityRef,
      c.lifecycle,
      c.production ? words('yes') : words('no'),
      c.owner,
      c.system,
      c.domain,
      monitoredByText(c, words),
      c.dependents,
      pagerDutyText(c, words),
    ]),
  ];
}
