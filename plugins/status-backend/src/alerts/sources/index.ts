import {
  AlertSource,
  AlertSourceMatcher,
} from '@status-layer/plugin-status-node';
import { azureMonitorSource } from './azureMonitor';
import { datadogSource } from './datadog';
import { eventsV2Source } from './eventsV2';
import { newRelicSource } from './newRelic';
import { alertmanagerSource, grafanaSource } from './prometheus';
import { statusCakeSource } from './statusCake';

export { DATADOG_PAYLOAD_TEMPLATE } from './datadog';

/** The monitoring tools the status plugin understands out of the box. */
export const BUILT_IN_ALERT_SOURCES: AlertSource[] = [
  alertmanagerSource,
  grafanaSource,
  datadogSource,
  newRelicSource,
  azureMonitorSource,
  statusCakeSource,
  eventsV2Source,
];

/** Each source's annotation matcher, by source id, for the sources that declare one. */
export function alertMatchersOf(
  sources: AlertSource[],
): Map<string, AlertSourceMatcher> {
  return new Map(
    sources.flatMap(s => (s.matcher ? [[s.id, s.matcher] as const] : [])),
  );
}
