import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { HIDDEN_ENTITY_REF } from '@status-layer/plugin-status-common';

/**
 * A link to an entity, or, for one the reader may not see (the backend says
 * {@link HIDDEN_ENTITY_REF}), words that say so without naming it.
 */
export function StatusEntityLink(props: { entityRef: string }) {
  if (props.entityRef === HIDDEN_ENTITY_REF)
    return <em>an upstream you cannot see</em>;
  return <EntityRefLink entityRef={props.entityRef} defaultKind="component" />;
}
