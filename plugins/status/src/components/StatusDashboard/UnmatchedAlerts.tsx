import {
  Link,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { StatusAlert } from '@status-layer/plugin-status-common';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
import {
  AlertList,
  SelectField,
  useAlertSources,
  useDashboardWords,
  useStatusTabLink,
  useUnmatchedAlerts,
} from '../common';
import { useFilterWords } from '../common/useSectionWords';

const PAGE_SIZE = 25;

/** The backend's 403: the reader lacks the permission, nothing is broken. */
const isNotAllowed = (error: Error) =>
  (error as { statusCode?: number }).statusCode === 403 ||
  error.name === 'NotAllowedError';

const useStyles = makeStyles(theme => ({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    margin: theme.spacing(1, 0),
  },
  extra: { marginTop: theme.spacing(0.5) },
  code: { fontFamily: 'monospace' },
}));

/** A message with code in it: what is between backticks is shown as code. */
function withCode(text: string) {
  return (
    <>
      {text
        .split('`')
        .map((part, i) => (i % 2 ? <code key={i}>{part}</code> : part))}
    </>
  );
}

/** Who an unmatched alert may belong to, and the annotation line that would tie it. */
function Candidates(props: { alert: StatusAlert }) {
  const classes = useStyles();
  const statusTab = useStatusTabLink();
  const t = useDashboardWords();
  const { candidates = [], suggestion } = props.alert;
  if (!candidates.length && !suggestion) return null;
  return (
    <div className={classes.extra}>
      {candidates.length > 0 && (
        <Typography variant="caption" component="div">
          {t('maybeLabel')}{' '}
          {candidates.map((ref, i) => {
            const to = statusTab(ref);
            return (
              <span key={ref}>
                {i > 0 && ', '}
                {to ? <Link to={to}>{ref}</Link> : ref}
              </span>
            );
          })}
        </Typography>
      )}
      {suggestion && (
        <Typography variant="caption" component="div">
          {withCode(t('mapItLabel'))}{' '}
          <code className={classes.code}>{suggestion}</code>
        </Typography>
      )}
    </div>
  );
}

/**
 * Firing alerts that match no entity, page by page, filterable by tool and
 * words, with the labels they carried, the entities they may belong to and
 * the annotation that would tie them; and any tool whose webhooks are
 * refused, with why.
 */
export function UnmatchedAlerts() {
  const classes = useStyles();
  const [source, setSource] = useState('');
  const words = useFilterWords();
  const t = useDashboardWords();
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const page = useUnmatchedAlerts({ source, q, limit: PAGE_SIZE, offset });
  const sources = useAlertSources();
  const troubled = (sources.value?.sources ?? []).filter(s => s.problem);
  return (
    <>
      {troubled.map(s => (
        <WarningPanel
          key={s.id}
          severity="warning"
          title={t('alertsRefused', { source: s.title })}
        >
          <Typography variant="body2">{s.problem}</Typography>
        </WarningPanel>
      ))}
      <Typography variant="body2" paragraph>
        {withCode(t('unmatchedIntro'))}
      </Typography>
      <div className={classes.filters}>
        <SelectField
          id="unmatched-alerts-tool"
          label={words('tool')}
          value={source}
          leading={[{ value: '', label: words('everyTool') }]}
          options={(sources.value?.sources ?? []).map(s => ({
            value: s.id,
            label: s.title,
          }))}
          onChange={value => {
            setSource(value);
            setOffset(0);
          }}
        />
        <TextField
          id="unmatched-alerts-words"
          variant="outlined"
          size="small"
          label={words('alertWords')}
          value={q}
          onChange={e => {
            setQ(e.target.value);
            setOffset(0);
          }}
        />
      </div>
      {!page.value && page.error && isNotAllowed(page.error) && (
        <WarningPanel severity="info" title={t('forStatusAdmins')}>
          <Typography variant="body2">
            {withCode(t('forStatusAdminsDescription'))}
          </Typography>
        </WarningPanel>
      )}
      {!page.value && page.error && !isNotAllowed(page.error) && (
        <ResponseErrorPanel error={page.error} />
      )}
      {!page.value && !page.error && <Progress />}
      {page.value && (
        <>
          <Typography variant="caption" role="status">
            {page.value.total === 0
              ? ''
              : t('pageRange', {
                  from: page.value.offset + 1,
                  to: Math.min(page.value.offset + PAGE_SIZE, page.value.total),
                  total: page.value.total,
                })}
          </Typography>
          <AlertList
            alerts={page.value.alerts}
            emptyText={t('noUnmatchedAlerts')}
            showLabels
            renderExtra={alert => <Candidates alert={alert} />}
          />
          <Button
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
          >
            {t('previous')}
          </Button>
          <Button
            disabled={offset + PAGE_SIZE >= page.value.total}
            onClick={() => setOffset(offset + PAGE_SIZE)}
          >
            {t('next')}
          </Button>
        </>
      )}
    </>
  );
}
