import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { Fragment } from 'react';

/** The marker the backend puts in a path for an entity the reader may not see. */
export const HIDDEN_ENTITY = 'hidden';

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
          {ref === HIDDEN_ENTITY ? (
            <em>an entity you cannot see</em>
          ) : (
            <EntityRefLink entityRef={ref} defaultKind="component" />
          )}
        </Fragment>
      ))}
    </Typography>
  );
}
