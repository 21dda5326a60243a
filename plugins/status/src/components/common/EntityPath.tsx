import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { HIDDEN_ENTITY_REF } from '@status-layer/plugin-status-common';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { Fragment } from 'react';
import { useDependencyWords } from './useSectionWords';

/**
 * A dependency path, e.g. shop-web → cart-api → auth-service, each a link;
 * a hop known only from PagerDuty's service graph (`pagerDutyHops`: `i` for
 * the hop from `path[i]` to `path[i + 1]`) says so in words.
 */
export function EntityPath(props: {
  path: string[];
  pagerDutyHops?: number[];
}) {
  const words = useDependencyWords();
  const fromPagerDuty = new Set(props.pagerDutyHops ?? []);
  const mark = words('knownFromPagerDuty');
  const spoken = props.path
    .map((ref, index) =>
      index > 0 && fromPagerDuty.has(index - 1) ? `(${mark}) ${ref}` : ref,
    )
    .join(' → ');
  return (
    <Typography
      variant="body2"
      component="span"
      aria-label={words('pathLabel', { path: spoken })}
    >
      {props.path.map((ref, index) => (
        <Fragment key={`${index}:${ref}`}>
          {index > 0 && ' → '}
          {index > 0 && fromPagerDuty.has(index - 1) && (
            <Tooltip title={words('knownFromPagerDutyHint')}>
              <Typography
                component="span"
                variant="caption"
                // reachable by keyboard: the hint shows on focus too
                tabIndex={0}
              >
                ({mark}){' '}
              </Typography>
            </Tooltip>
          )}
          {ref === HIDDEN_ENTITY_REF ? (
            <em>{words('hiddenEntity')}</em>
          ) : (
            <EntityRefLink entityRef={ref} defaultKind="component" />
          )}
        </Fragment>
      ))}
    </Typography>
  );
}
