import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import {
  MAX_REPORT_DESCRIPTION_LENGTH,
  StatusIncident,
  StatusReportResult,
  StatusReportTarget,
  StatusReportUrgency,
} from '@status-layer/plugin-status-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
import { statusApiRef } from '../../api';
import {
  EntityPath,
  IncidentList,
  Loaded,
  OwnerContacts,
  StatusLayerRoot,
  useIncidentTimelineLink,
  useReportTarget,
  useReportWords,
} from '../common';

const useStyles = makeStyles(theme => ({
  block: { marginTop: theme.spacing(2) },
}));

const nameOf = (ref: string) =>
  humanizeEntityRef(parseEntityRef(ref), { defaultKind: 'component' });

/**
 * "Report a problem" with an entity, as suffered by the page's entity: a
 * button that opens the report dialog. `short` shows "Report" (in lists of
 * upstreams); its accessible name always names the entity.
 */
export function ReportProblemButton(props: {
  target: string;
  affected: string;
  short?: boolean;
}) {
  const t = useReportWords();
  const [open, setOpen] = useState(false);
  const entity = nameOf(props.target);
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        aria-haspopup="dialog"
        aria-label={t('buttonFor', { entity })}
        onClick={() => setOpen(true)}
      >
        {props.short ? t('buttonShort') : t('button')}
      </Button>
      {open && (
        <ReportProblemDialog
          target={props.target}
          affected={props.affected}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

/** What a sent report did, with where to follow it. */
function Sent(props: { result: StatusReportResult }) {
  const t = useReportWords();
  const timelineOf = useIncidentTimelineLink();
  const { result } = props;
  if (result.kind === 'event')
    return <Typography role="status">{t('sentEvent')}</Typography>;
  const { incident } = result;
  return (
    <>
      <Typography role="status" paragraph>
        {t(result.kind === 'note' ? 'sentNote' : 'sentIncident', {
          number: incident.number,
        })}
      </Typography>
      {incident.htmlUrl && (
        <Typography paragraph>
          <Link to={incident.htmlUrl}>
            {t('openInPagerDuty', { number: incident.number })}
          </Link>
        </Typography>
      )}
      <Typography>
        <Link to={timelineOf(incident)}>
          {t('timeline', { number: incident.number })}
        </Link>
      </Typography>
    </>
  );
}

/** The form: who is on it already, what the reader sees, and how urgent. */
function ReportForm(props: {
  report: StatusReportTarget;
  onSend: (incident?: StatusIncident) => void;
  sending: boolean;
  error?: Error;
  description: string;
  setDescription: (text: string) => void;
  urgency: StatusReportUrgency;
  setUrgency: (urgency: StatusReportUrgency) => void;
  setAffected: (entityRef: string) => void;
  onClose: () => void;
}) {
  const classes = useStyles();
  const t = useReportWords();
  const { report } = props;
  const target = nameOf(report.target.entityRef);
  const affected = nameOf(report.affected.entityRef);
  const tooLong = props.description.length > MAX_REPORT_DESCRIPTION_LENGTH;
  const ready = props.description.trim().length > 0 && !tooLong;
  const open = report.openIncidents;
  let blocked: string | undefined;
  if (report.notAllowedReason === 'disabled') blocked = t('notAllowedDisabled');
  else if (report.notAllowedReason === 'permission')
    blocked = t('notAllowedPermission');
  else if (report.means === 'none' && open.length === 0)
    blocked = t('meansNone', { entity: target });
  const self = report.target.entityRef === report.affected.entityRef;

  return (
    <>
      <DialogContent>
        {report.affectedChoices.length > 1 && (
          <TextField
            id="status-report-affected"
            select
            SelectProps={{ native: true }}
            label={t('affectedChoice')}
            value={report.affected.entityRef}
            onChange={event => props.setAffected(event.target.value)}
            fullWidth
            variant="outlined"
            margin="dense"
          >
            {report.affectedChoices.map(choice => (
              <option key={choice.entityRef} value={choice.entityRef}>
                {choice.title ?? nameOf(choice.entityRef)}
              </option>
            ))}
          </TextField>
        )}
        {!self && (
          <div>
            <Typography variant="body2">
              {t('affected', { entity: affected })}
            </Typography>
            <Typography variant="overline" component="h3">
              {t('pathTitle', { entity: affected })}
            </Typography>
            {report.path.length > 0 ? (
              <EntityPath path={report.path} />
            ) : (
              <Typography variant="body2">
                {t('notUpstream', { entity: affected })}
              </Typography>
            )}
          </div>
        )}
        {open.length > 0 && (
          <div className={classes.block}>
            <Typography variant="body2" paragraph>
              {t('alreadyOnIt')}
            </Typography>
            <IncidentList incidents={open} />
          </div>
        )}
        {blocked ? (
          <div className={classes.block}>
            <Typography variant="body2" paragraph>
              {blocked}
            </Typography>
            <Typography variant="overline" component="h3">
              {t('owner')}
            </Typography>
            <OwnerContacts owner={report.owner ?? null} />
          </div>
        ) : (
          <>
            <TextField
              id="status-report-description"
              className={classes.block}
              label={t('description')}
              helperText={
                tooLong
                  ? t('descriptionTooLong', {
                      count: props.description.length,
                      max: MAX_REPORT_DESCRIPTION_LENGTH,
                    })
                  : t('descriptionHelp', { max: MAX_REPORT_DESCRIPTION_LENGTH })
              }
              error={tooLong}
              multiline
              minRows={4}
              fullWidth
              required
              variant="outlined"
              value={props.description}
              onChange={event => props.setDescription(event.target.value)}
            />
            {open.length === 0 && (
              <FormControl component="fieldset" className={classes.block}>
                <FormLabel component="legend">{t('urgency')}</FormLabel>
                <RadioGroup
                  value={props.urgency}
                  onChange={event =>
                    props.setUrgency(event.target.value as StatusReportUrgency)
                  }
                >
                  {report.urgencies.map(urgency => (
                    <FormControlLabel
                      key={urgency}
                      value={urgency}
                      control={<Radio />}
                      label={t(
                        urgency === 'high' ? 'urgencyHigh' : 'urgencyLow',
                      )}
                    />
                  ))}
                </RadioGroup>
              </FormControl>
            )}
            {open.length === 0 && (
              <Typography
                variant="body2"
                color="textSecondary"
                className={classes.block}
              >
                {t(report.means === 'event' ? 'meansEvent' : 'meansIncident')}
              </Typography>
            )}
          </>
        )}
        {props.error && (
          <div role="alert" className={classes.block}>
            <Typography variant="body2" color="error">
              {t('failed')}
            </Typography>
            <Typography variant="body2">{props.error.message}</Typography>
          </div>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{t('cancel')}</Button>
        {!blocked &&
          open.map(incident => (
            <Button
              key={incident.id}
              variant="contained"
              color="primary"
              disabled={!ready || props.sending}
              onClick={() => props.onSend(incident)}
            >
              {props.sending
                ? t('sending')
                : t('addNote', { number: incident.number })}
            </Button>
          ))}
        {!blocked && open.length === 0 && (
          <Button
            variant="contained"
            color="primary"
            disabled={!ready || props.sending}
            onClick={() => props.onSend()}
          >
            {props.sending ? t('sending') : t('send')}
          </Button>
        )}
      </DialogActions>
    </>
  );
}

/**
 * The report dialog: reads where a report would go (and who is already on
 * it) when opened, then sends it as a note or a new incident. A failed send
 * keeps the text and says why.
 */
export function ReportProblemDialog(props: {
  target: string;
  affected: string;
  onClose: () => void;
}) {
  const t = useReportWords();
  const statusApi = useApi(statusApiRef);
  // the reader may name another of their entities that depends on the target
  const [affected, setAffected] = useState(props.affected);
  const polled = useReportTarget(props.target, affected);
  // one report dialog is open at a time
  const titleId = 'status-report-title';
  const [description, setDescription] = useState('');
  const [urgency, setUrgency] = useState<StatusReportUrgency>();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<Error>();
  const [result, setResult] = useState<StatusReportResult>();

  const send = async (
    report: StatusReportTarget,
    incident?: StatusIncident,
  ) => {
    setSending(true);
    setError(undefined);
    try {
      setResult(
        await statusApi.reportProblem({
          target: props.target,
          affected,
          description,
          urgency: incident ? undefined : urgency ?? report.urgencies[0],
          incident: incident
            ? { account: incident.account ?? 'default', id: incident.id }
            : undefined,
        }),
      );
    } catch (e) {
      setError(e as Error);
    } finally {
      setSending(false);
    }
  };

  return (
    <Dialog
      open
      onClose={props.onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      {/* the dialog is a portal: it marks itself as the plugin's markup */}
      <StatusLayerRoot name="report-problem">
        <DialogTitle id={titleId}>
          {t('title', { entity: nameOf(props.target) })}
        </DialogTitle>
        {result ? (
          <>
            <DialogContent>
              <Sent result={result} />
            </DialogContent>
            <DialogActions>
              <Button onClick={props.onClose}>{t('close')}</Button>
            </DialogActions>
          </>
        ) : (
          <Loaded polled={polled} what={t('what')}>
            {report => (
              <ReportForm
                report={report}
                onSend={incident => void send(report, incident)}
                sending={sending}
                error={error}
                description={description}
                setDescription={setDescription}
                urgency={urgency ?? report.urgencies[0]}
                setUrgency={setUrgency}
                setAffected={setAffected}
                onClose={props.onClose}
              />
            )}
          </Loaded>
        )}
      </StatusLayerRoot>
    </Dialog>
  );
}
