import {
  HIDDEN_ENTITY_REF,
  StatusHistoryTransition,
  StatusTransitionsPage,
} from '@status-layer/plugin-status-common';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { ChangeList } from '../Changes';
import {
  LevelLabel,
  Loaded,
  LoadedCard,
  StatusEntityLink,
  useHistory,
  useTimelineStyles,
  useTransitions,
} from '../common';
import { AvailabilityFigures, HistoryBars } from './HistoryBars';

const timeUtc = (iso: string) => `${iso.slice(11, 16)} UTC`;

/** Why one transition happened: its own signals, or the upstreams it inherited from. */
function TransitionReason(props: { transition: StatusHistoryTransition }) {
  const { signals, rootCauses } = props.transition;
  if (signals.length)
    return (
      <Typography variant="body2" component="span" color="textSecondary">
        own signals: {signals.map(s => s.title).join('; ')}
      </Typography>
    );
  if (rootCauses.length)
    return (
      <Typography variant="body2" component="span" color="textSecondary">
        because of{' '}
        {rootCauses.map((c, i) => (
          <span key={`${c.root}-${i}`}>
            {i > 0 && ', '}
            {c.root === HIDDEN_ENTITY_REF ? (
              'an upstream you cannot see'
            ) : (
              <StatusEntityLink entityRef={c.root} />
            )}
          </span>
        ))}
      </Typography>
    );
  return null;
}

/** The level changes of one day, oldest first. */
function DayTimeline(props: {
  entityRef: string;
  day: string;
  rollup?: boolean;
}) {
  const page = useTransitions(props.entityRef, props.day, props.rollup);
  return (
    <Loaded polled={page} what={`the changes of ${props.day}`} compact>
      {value => <DayChanges day={props.day} page={value} />}
    </Loaded>
  );
}

/** One day's level changes and deploys, once read. */
function DayChanges(props: { day: string; page: StatusTransitionsPage }) {
  const classes = useTimelineStyles();
  const { transitions, changes = [], hiddenChanges = 0 } = props.page;
  return (
    <>
      <div aria-label={`Changes on ${props.day}`} role="region">
        <Typography variant="subtitle2" component="h3">
          {props.day}:{' '}
          {transitions.length
            ? `${transitions.length} change${transitions.length > 1 ? 's' : ''}`
            : 'no change of level'}
          {props.page.truncated ? ' (the first 500 shown)' : ''}
        </Typography>
        <ul className={classes.list}>
          {transitions.map((t, i) => (
            <li key={`${t.at}-${i}`} className={classes.entry}>
              <Typography
                variant="body2"
                component="span"
                className={classes.time}
              >
                {timeUtc(t.at)}
              </Typography>
              {t.entityRef && (
                <Typography variant="body2" component="span">
                  <StatusEntityLink entityRef={t.entityRef} />
                </Typography>
              )}
              <LevelLabel level={t.effectiveFrom} />
              <span aria-hidden>→</span>
              <LevelLabel level={t.effectiveTo} />
              <TransitionReason transition={t} />
            </li>
          ))}
        </ul>
      </div>
      {(changes.length > 0 || hiddenChanges > 0) && (
        <div aria-label={`Deploys of ${props.day}`} role="region">
          <Typography variant="subtitle2" component="h3">
            Deploys and other changes that day, on it and its upstreams
          </Typography>
          <ChangeList changes={changes} hiddenChanges={hiddenChanges} />
        </div>
      )}
    </>
  );
}

/**
 * The last 90 days of an entity: a bar per day split into its own and its
 * upstreams' part, availability over 7, 30 and 90 days, and the changes of a
 * chosen day. For a System, Domain or Group (`rollup`), the days of its
 * members together. Read again when `version` changes (e.g. its levels).
 */
export function HistoryCard(props: {
  entityRef: string;
  rollup?: boolean;
  version?: string;
}) {
  const [selected, setSelected] = useState<string>();
  const polled = useHistory(props.entityRef, {
    days: 90,
    rollup: props.rollup,
    version: props.version,
  });
  return (
    <LoadedCard
      title="History: the last 90 days"
      polled={polled}
      what="the history"
    >
      {history => (
        <>
          <AvailabilityFigures availability={history.availability} />
          <Typography variant="caption" color="textSecondary" paragraph>
            {history.members !== undefined &&
              `The mean of its ${history.members} member${
                history.members === 1 ? '' : 's'
              }; each bar is as bad as its worst member that day. `}
            Down means a partial or major outage. "Own signals only" counts the
            time its own incidents and alerts put it there; the rest was caused
            by what it depends on. Upper half of each bar: its own signals;
            lower half: its level with its upstreams.
            {history.observedSince &&
              ` Recorded since ${history.observedSince.slice(0, 10)}.`}
            {history.backfilledFrom &&
              ` Days from ${history.backfilledFrom.slice(
                0,
                10,
              )} until then come from PagerDuty's past incidents only: their upper half shows the incidents, their lower half stays grey because what the upstreams did is not known; availability counts recorded time only.`}
            {history.truncated &&
              ' It changed level so often that its oldest days are incomplete.'}
          </Typography>
          <HistoryBars
            days={history.days}
            selected={selected}
            onSelect={day => setSelected(day === selected ? undefined : day)}
          />
          {selected && (
            <DayTimeline
              entityRef={props.entityRef}
              day={selected}
              rollup={props.rollup}
            />
          )}
        </>
      )}
    </LoadedCard>
  );
}
