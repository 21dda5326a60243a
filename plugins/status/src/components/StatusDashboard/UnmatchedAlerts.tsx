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

/** Who an unmatched alert may belong to, and the annotation line that would tie it. */
function Candidates(props: { alert: StatusAlert }) {
  const classes = useStyles();
  const statusTab = useStatusTabLink();
  const { candidates = [], suggestion } = props.alert;
  if (!candidates.length && !suggestion) return null;
  return (
    <div className={classes.extra}>
      {candidates.length > 0 && (
        <Typography variant="caption" component="div">
          Maybe:{' '}
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
          To map it, add to that entity's <code>catalog-info.yaml</code>:{' '}
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
          title={`${s.title}: alerts refused`}
        >
          <Typography variant="body2">{s.problem}</Typography>
        </WarningPanel>
      ))}
      <Typography variant="body2" paragraph>
        These alerts fire but name no entity in the catalog. An alert is tied to
        its entity by the entity's annotation for its tool, an entity ref in the
        webhook URL (<code>?entity=component:default/name</code>), a{' '}
        <code>backstage_entity</code> label, a <code>service</code>,{' '}
        <code>app</code>, <code>component</code> or <code>job</code> label equal
        to the entity's name, or a name it carries that fits exactly one entity.
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
        <WarningPanel severity="info" title="For status admins">
          <Typography variant="body2">
            Alerts that match no entity can name services you may not read, so
            only status admins (the <code>status.admin</code> permission) see
            them. Ask the people who run this portal if you map alerts for your
            teams.
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
              : `${page.value.offset + 1}–${Math.min(
                  page.value.offset + PAGE_SIZE,
                  page.value.total,
                )} of ${page.value.total}`}
          </Typography>
          <AlertList
            alerts={page.value.alerts}
            emptyText="Every firing alert belongs to an entity."
            showLabels
            renderExtra={alert => <Candidates alert={alert} />}
          />
          <Button
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
          >
            Previous
          </Button>
          <Button
            disabled={offset + PAGE_SIZE >= page.value.total}
            onClick={() => setOffset(offset + PAGE_SIZE)}
          >
            Next
          </Button>
        </>
      )}
    </>
  );
}
