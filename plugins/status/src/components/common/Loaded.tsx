import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import { ReactNode } from 'react';
import { Polled } from './usePolling';
import { useSharedWords } from './useSectionWords';

/**
 * The one loading, error and stale wrapper of the status views: a progress
 * bar until the first answer; the error and a Retry button when there is no
 * answer at all; the last answer under a notice when a later read failed
 * (never confidently stale); otherwise the content.
 */
export function Loaded<T>(props: {
  polled: Polled<T>;
  /** What could not be loaded, e.g. "the status of this entity". */
  what: string;
  /** Cards leave out the Retry button and the stale notice. */
  compact?: boolean;
  /** False when the content shows the stale notice itself. */
  staleNotice?: boolean;
  children: (value: T) => ReactNode;
}) {
  const { polled, what, compact } = props;
  const t = useSharedWords();
  if (polled.loading) return <Progress />;
  if (polled.value === undefined) {
    return (
      <>
        <ResponseErrorPanel
          error={polled.error ?? new Error(t('noAnswer'))}
          title={t('couldNotLoad', { what })}
        />
        {!compact && (
          <Button variant="outlined" color="primary" onClick={polled.retry}>
            {t('retry')}
          </Button>
        )}
      </>
    );
  }
  return (
    <>
      {polled.error && !compact && props.staleNotice !== false && (
        <ResponseErrorPanel
          error={polled.error}
          title={t('couldNotRefresh', { what })}
        />
      )}
      {props.children(polled.value)}
    </>
  );
}
