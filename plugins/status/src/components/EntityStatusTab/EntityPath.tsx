import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { HIDDEN_ENTITY_REF } from '@status-layer/plugin-status-common';
import Typography from '@material-ui/core/Typography';
import { Fragment } from 'react';

/** A dependency path, e.g. shop-web → cart-api → auth-service, each a link. */
export function EntityPath(props: { path: string[] }) {
  return (
    <Typography
      variant="body2"
      component="span"
      aria-label={`Dependency path: ${props.path.join(' → ')}`}
    >
      {props.path.map((ref, index) => (
        <Fragment key={`${index}:${ref}`}>
          {index > 0 && ' → '}
          {ref === HIDDEN_ENTITY_REF ? (
            <em>an entity you cannot see</em>
          ) : (
            <EntityRefLink entityRef={ref} defaultKind="component" />
          )}
        </Fragment>
      ))}
    </Typography>
  );
}
