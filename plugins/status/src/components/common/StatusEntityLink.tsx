import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { HIDDEN_ENTITY_REF } from '@status-layer/plugin-status-common';
import { useSharedWords } from './useSectionWords';

/**
 * A link to an entity, or, for one the reader may not see (the backend says
 * {@link HIDDEN_ENTITY_REF}), words that say so without naming it.
 */
export function StatusEntityLink(props: { entityRef: string }) {
  const t = useSharedWords();
  if (props.entityRef === HIDDEN_ENTITY_REF)
    return <em>{t('hiddenUpstream')}</em>;
  return <EntityRefLink entityRef={props.entityRef} defaultKind="component" />;
}
