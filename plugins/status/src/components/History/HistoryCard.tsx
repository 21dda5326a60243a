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
  useHistoryWords,
  useTimelineStyles,
  useTransitions,
} from '../common';
import { AvailabilityFigures, HistoryBars } from './HistoryBars';

const timeUtc = (iso: string) => `${iso.slice(11, 16)} UTC`;

/** Why one transition happened: its own signals, or the upstreams it inherited from. */
function TransitionReason(props: { transition: StatusHistoryTransition }) {
  const { signals, rootCauses } = props.transition;
  const t = useHistoryWords();
  if (signals.length)
    return (
      <Typography variant="body2" component="span" color="textSecondary">
        {t('ownSignals', { signals: signals.map(s => s.title).join('; ') })}
      </Typography>
    );
  if (rootCauses.length)
    return (
      <Typography variant="body2" component="span" color="textSecondary">
        {t('becauseOfLabel')}{' '}
        {rootCauses.map((c, i) => (
          <span key={`${c.root}-${i}`}>
            {i > 0 && ', '}
            {c.root === HIDDEN_ENTITY_REF ? (
              t('hiddenUpstream')
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
  const t = useHistoryWords();
  return (
    <Loaded
      polled={page}
      what={t('whatDayChanges', { day: props.day })}
      compact
    >
      {value => <DayChanges day={props.day} page={value} />}
    </Loaded>
  );
}

/** One day's level changes and deploys, once read. */
function DayChanges(props: { day: string; page: StatusTransitionsPage }) {
  const classes = useTimelineStyles();
  const { transitions, changes = [], hiddenChanges = 0 } = props.page;
  const words = useHistoryWords();
  const { day } = props;
  return (
    <>
      <div aria-label={words('changesOn', { day })} role="region">
        <Typography variant="subtitle2" component="h3">
          {transitions.length
            ? words('dayChanges', { day, count: transitions.length })
            : words('dayNoChange', { day })}
          {props.page.truncated ? ` ${words('dayTruncated')}` : ''}
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
        <div aria-label={words('deploysOf', { day })} role="region">
          <Typography variant="subtitle2" component="h3">
            {words('deploysHeading')}
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
  const t = useHistoryWords();
  return (
    <LoadedCard
      title={t('historyTitle')}
      polled={polled}
      what={t('whatHistory')}
    >
      {history => (
        <>
          <AvailabilityFigures availability={history.availability} />
          <Typography variant="caption" color="textSecondary" paragraph>
            {[
              history.members !== undefined &&
                t('meanOfMembers', { count: history.members }),
              t('historyExplained'),
              history.observedSince &&
                t('recordedSince', {
                  date: history.observedSince.slice(0, 10),
                }),
              history.backfilledFrom &&
                t('backfilledFrom', {
                  date: history.backfilledFrom.slice(0, 10),
                }),
              history.truncated && t('historyTruncated'),
            ]
              .filter(Boolean)
              .join(' ')}
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
