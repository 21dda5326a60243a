import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { StatusIncidentTimeline } from '@status-layer/plugin-status-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { FormEvent, useMemo, useState } from 'react';
import { statusApiRef } from '../../api';
import { useTimelineWords, useTimeWords } from '../common';
import { composePostmortemDraft } from './postmortemDraft';
import { useEntryWords } from './useEntryWords';

const useStyles = makeStyles(theme => ({
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginTop: theme.spacing(2),
  },
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
    marginTop: theme.spacing(2),
  },
  draft: { fontFamily: 'monospace' },
}));

/** The draft in a dialog: read, copy or download it. */
function DraftDialog(props: {
  timeline: StatusIncidentTimeline;
  onClose: () => void;
}) {
  const classes = useStyles();
  const t = useTimelineWords();
  const words = useEntryWords();
  const [copied, setCopied] = useState<'yes' | 'refused'>();
  const markdown = useMemo(
    () => composePostmortemDraft(props.timeline, words, new Date()),
    [props.timeline, words],
  );
  const fileName = t('draftFileName', { id: props.timeline.incident.id });
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(markdown);
      setCopied('yes');
    } catch {
      setCopied('refused');
    }
  };
  const download = () => {
    const url = URL.createObjectURL(
      new Blob([markdown], { type: 'text/markdown;charset=utf-8' }),
    );
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = fileName;
    anchor.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Dialog
      open
      onClose={props.onClose}
      fullWidth
      maxWidth="md"
      aria-labelledby="postmortem-draft-title"
    >
      <DialogTitle id="postmortem-draft-title">{t('draftTitle')}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" paragraph>
          {t('draftIntro')}
        </Typography>
        <TextField
          id="postmortem-draft"
          label={t('draftLabel')}
          value={markdown}
          multiline
          fullWidth
          minRows={16}
          maxRows={28}
          variant="outlined"
          InputProps={{ readOnly: true, className: classes.draft }}
        />
        {copied && (
          <Typography variant="body2" role="status">
            {copied === 'yes' ? t('copied') : t('copyFailed')}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={copy} color="primary" variant="outlined">
          {t('copy')}
        </Button>
        <Button onClick={download} color="primary" variant="outlined">
          {t('download')}
        </Button>
        <Button onClick={props.onClose}>{t('close')}</Button>
      </DialogActions>
    </Dialog>
  );
}

/** The form with which the owning team links the written postmortem. */
function LinkForm(props: {
  timeline: StatusIncidentTimeline;
  onDone: () => void;
  onSaved: () => void;
}) {
  const classes = useStyles();
  const t = useTimelineWords();
  const api = useApi(statusApiRef);
  const { account, id } = props.timeline.incident;
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    try {
      await api.setIncidentPostmortem(account, id, {
        url: url.trim(),
        ...(title.trim() ? { title: title.trim() } : {}),
      });
      props.onSaved();
      props.onDone();
    } catch (e) {
      setError(t('linkFailed', { error: (e as Error).message }));
    } finally {
      setSaving(false);
    }
  };
  return (
    <form className={classes.form} onSubmit={submit}>
      <TextField
        id="postmortem-url"
        label={t('postmortemUrl')}
        helperText={t('postmortemUrlHelp')}
        value={url}
        onChange={e => setUrl(e.target.value)}
        required
        type="url"
        inputProps={{ maxLength: 2000 }}
        variant="outlined"
        size="small"
      />
      <TextField
        id="postmortem-title"
        label={t('postmortemName')}
        value={title}
        onChange={e => setTitle(e.target.value)}
        inputProps={{ maxLength: 255 }}
        variant="outlined"
        size="small"
      />
      {error && (
        <Typography variant="body2" color="error" role="alert">
          {error}
        </Typography>
      )}
      <div className={classes.actions}>
        <Button
          type="submit"
          color="primary"
          variant="contained"
          disabled={saving}
        >
          {t('save')}
        </Button>
        <Button onClick={props.onDone}>{t('cancel')}</Button>
      </div>
    </form>
  );
}

/**
 * The incident's postmortem: the link (found in a note, or set by the owning
 * team) or "No postmortem yet"; linking it; and, once resolved, a draft.
 */
export function PostmortemCard(props: {
  timeline: StatusIncidentTimeline;
  /** Reads the timeline again after the link changed. */
  onChanged: () => void;
}) {
  const classes = useStyles();
  const t = useTimelineWords();
  const time = useTimeWords();
  const api = useApi(statusApiRef);
  const [drafting, setDrafting] = useState(false);
  const [linking, setLinking] = useState(false);
  const [error, setError] = useState<string>();
  const { timeline } = props;
  const { postmortem, incident } = timeline;
  const remove = async () => {
    setError(undefined);
    try {
      await api.removeIncidentPostmortem(incident.account, incident.id);
      props.onChanged();
    } catch (e) {
      setError(t('linkFailed', { error: (e as Error).message }));
    }
  };
  return (
    <InfoCard title={t('postmortemTitle')}>
      {postmortem ? (
        <>
          <Typography variant="body1">
            <Link to={postmortem.url}>
              {postmortem.title ?? t('postmortemLink')}
            </Link>
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {postmortem.source === 'note'
              ? t('postmortemFromNote')
              : t('postmortemSetBy', {
                  name: postmortem.setBy ?? '',
                  time: time.dateTime(postmortem.setAt ?? ''),
                })}
          </Typography>
        </>
      ) : (
        <Typography variant="body1">{t('noPostmortem')}</Typography>
      )}
      {error && (
        <Typography variant="body2" color="error" role="alert">
          {error}
        </Typography>
      )}
      {linking ? (
        <LinkForm
          timeline={timeline}
          onDone={() => setLinking(false)}
          onSaved={props.onChanged}
        />
      ) : (
        <div className={classes.actions}>
          {incident.status === 'resolved' ? (
            <Button
              color="primary"
              variant="contained"
              onClick={() => setDrafting(true)}
            >
              {t('draftPostmortem')}
            </Button>
          ) : (
            <Typography variant="body2">{t('draftOnlyResolved')}</Typography>
          )}
          <Button variant="outlined" onClick={() => setLinking(true)}>
            {postmortem ? t('changePostmortem') : t('linkPostmortem')}
          </Button>
          {postmortem?.source === 'portal' && (
            <Button variant="outlined" onClick={remove}>
              {t('removeLink')}
            </Button>
          )}
        </div>
      )}
      {drafting && (
        <DraftDialog timeline={timeline} onClose={() => setDrafting(false)} />
      )}
    </InfoCard>
  );
}
