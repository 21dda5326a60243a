import { WarningPanel } from '@backstage/core-components';
import { PagerDutyMode } from '@status-layer/plugin-status-common';
import Typography from '@material-ui/core/Typography';
import { EMBED, Embedded, useHealth, useStatusTabWords } from '../common';
import { StatusPagesBanner } from './StatusPagesNotice';

/** Says plainly that the page shows a simulator's demo data, when it does. */
export function SimulatedDataBanner(props: { mode?: PagerDutyMode }) {
  const t = useStatusTabWords();
  if (props.mode !== 'simulated') {
    return null;
  }
  return (
    <WarningPanel severity="info" title={t('simulatedData')} defaultExpanded>
      <Typography variant="body2">
        <Embedded text={t('simulatedDataText', { setting: EMBED })}>
          <code>status.pagerDuty.apiToken</code>
        </Embedded>
      </Typography>
    </WarningPanel>
  );
}

/**
 * The banner for pages that do not otherwise read the backend's health, and
 * (`withStatusPages`, on the dashboard) the status pages that could not be
 * kept in step, from the same read.
 */
export function SimulatedDataNotice(props: { withStatusPages?: boolean }) {
  // The notice is secondary: a failing health call must not break the page.
  const { value } = useHealth();
  return (
    <>
      <SimulatedDataBanner mode={value?.pagerDutyMode} />
      {props.withStatusPages && (
        <StatusPagesBanner pages={value?.statusPages} />
      )}
    </>
  );
}
