import { WarningPanel } from '@backstage/core-components';
import { StatusPageHealth } from '@status-layer/plugin-status-common';
import Typography from '@material-ui/core/Typography';
import { useStatusTabWords, useTimeWords } from '../common';

/**
 * Says when an external status page the backend keeps in step could not be
 * updated: the page still shows what was last published, which may no
 * longer be true. Nothing while every page is in step.
 */
export function StatusPagesBanner(props: { pages?: StatusPageHealth[] }) {
  const t = useStatusTabWords();
  const time = useTimeWords();
  const failing = (props.pages ?? []).filter(p => p.state === 'failing');
  if (!failing.length) return null;
  return (
    <WarningPanel
      severity="warning"
      title={t('statusPageFailing')}
      defaultExpanded
    >
      {failing.map(page => (
        <Typography variant="body2" key={`${page.account}:${page.page}`}>
          {t('statusPageFailingText', {
            page: page.page,
            since: page.failingSince ? time.dateTime(page.failingSince) : '—',
            lastSuccess: page.lastSuccessAt
              ? t('statusPageLastSuccess', {
                  time: time.dateTime(page.lastSuccessAt),
                })
              : '',
          })}
        </Typography>
      ))}
    </WarningPanel>
  );
}
