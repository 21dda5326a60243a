import { CodeSnippet } from '@backstage/core-components';
import { PAGERDUTY_SERVICE_ID_ANNOTATION } from '@status-layer/plugin-status-common';

/** The `catalog-info.yaml` lines that connect an entity to PagerDuty. */
export function annotationSnippet(entityName: string): string {
  return `metadata:
  name: ${entityName}
  annotations:
    # the ID at the end of the service's URL in PagerDuty
    ${PAGERDUTY_SERVICE_ID_ANNOTATION}: PABC123`;
}

/** A copyable `catalog-info.yaml` snippet for an entity without signal sources. */
export function AnnotationSnippet(props: { entityName: string }) {
  return (
    <CodeSnippet
      language="yaml"
      text={annotationSnippet(props.entityName)}
      showCopyCodeButton
    />
  );
}
