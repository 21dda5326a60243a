import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';

/** The full ref of the entity whose page this is. */
export function usePageEntityRef(): string {
  const { entity } = useEntity();
  return stringifyEntityRef(entity);
}
