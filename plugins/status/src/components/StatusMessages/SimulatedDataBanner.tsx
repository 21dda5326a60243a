import { WarningPanel } from '@backstage/core-components';
import { PagerDutyMode } from '@status-layer/plugin-status-common';
import Typography from '@material-ui/core/Typography';
import { useHealth } from '../common';

/** Says plainly that the page shows a simulator's demo data, when it does. */
export function SimulatedDataBanner(props: { mode?: PagerDutyMode }) {
  if (props.mode !== 'simulated') {
    return null;
  }
  return (
    <WarningPanel severity="info" title="Simulated data" defaultExpanded>
      <Typography variant="body2">
        No PagerDuty account is connected: incidents, on-call and history come
        from the built-in PagerDuty simulator and are demo data. Set{' '}
        <code>status.pagerDuty.apiToken</code> to read your PagerDuty.
      </Typography>
    </WarningPanel>
  );
}

/** The banner for pages that do not otherwise read the backend's health. */
export function SimulatedDataNotice() {
  // The notice is secondary: a failing health call must not break the page.
  const { value } = useHealth();
  return <SimulatedDataBanner mode={value?.pagerDutyMode} />;
}
