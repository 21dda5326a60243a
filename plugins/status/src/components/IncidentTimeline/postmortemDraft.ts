import {
  HIDDEN_ENTITY_REF,
  StatusIncidentTimeline,
  StatusTimelineEntry,
} from '@status-layer/plugin-status-common';
import type { TimelineWords } from '../common';

/** What the draft needs besides the timeline: words, names and times in the reader's language. */
export type DraftWords = {
  t: TimelineWords;
  /** An entity's name; the hidden marker as words that say so. */
  entity: (ref: string) => string;
  level: (level: string) => string;
  dateTime: (iso: string) => string;
  duration: (ms: number) => string;
  /** One timeline entry in a line of words. */
  entry: (entry: StatusTimelineEntry) => string;
};

const ms = (iso: string) => Date.parse(iso);

/** Markdown's table cells and inline text: pipes and line breaks would break the table. */
const cell = (text: string) =>
  text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/**
 * A blameless postmortem draft of a resolved incident, in Markdown: summary,
 * impact (each entity made worse with its level and duration, and how long
 * users were affected), detection (first signal, time to acknowledge),
 * trigger (the last change before it), resolution, the timeline, and
 * lessons and action items left for people to write. It names only what the
 * timeline does, which the API already cut to what the reader may see.
 */
export function composePostmortemDraft(
  timeline: StatusIncidentTimeline,
  words: DraftWords,
  madeAt: Date,
): string {
  const { t } = words;
  const { incident, impact, entries } = timeline;
  const end = incident.resolvedAt ?? madeAt.toISOString();
  const lines: string[] = [];
  const heading = (text: string) => lines.push('', `## ${text}`, '');

  lines.push(
    `# ${t('mdTitle', { title: incident.title })}`,
    '',
    t('mdIntro', {
      number: incident.number,
      priority: incident.priority ?? t('mdNoPriority'),
      start: words.dateTime(incident.createdAt),
      end: words.dateTime(end),
      made: words.dateTime(madeAt.toISOString()),
    }),
  );
  if (timeline.postmortem)
    lines.push('', t('mdPostmortemLinked', { url: timeline.postmortem.url }));

  heading(t('mdSummary'));
  lines.push(
    t('mdSummaryText', {
      title: incident.title,
      service:
        incident.serviceName ??
        incident.entityRefs.map(words.entity).join(', '),
      start: words.dateTime(incident.createdAt),
      duration: words.duration(ms(end) - ms(incident.createdAt)),
    }),
    '',
    t('mdSummaryPrompt'),
  );

  heading(t('mdImpact'));
  if (impact.length) {
    const from = Math.min(...impact.map(i => ms(i.from)));
    const to = Math.max(...impact.map(i => (i.to ? ms(i.to) : ms(end))));
    lines.push(
      t('mdUsersAffected', {
        duration: words.duration(to - from),
        from: words.dateTime(new Date(from).toISOString()),
        to: words.dateTime(new Date(to).toISOString()),
      }),
      '',
    );
    for (const i of impact) {
      const via = i.path.slice(1, -1);
      lines.push(
        i.to
          ? t('mdImpactLine', {
              entity: words.entity(i.entityRef),
              level: words.level(i.level),
              duration: words.duration(ms(i.to) - ms(i.from)),
              via: via.length
                ? t('mdImpactVia', {
                    path: i.path.map(words.entity).join(' → '),
                  })
                : '',
            })
          : t('mdImpactOpen', {
              entity: words.entity(i.entityRef),
              level: words.level(i.level),
              from: words.dateTime(i.from),
            }),
      );
    }
    if (timeline.hiddenImpact)
      lines.push(t('mdHiddenImpact', { count: timeline.hiddenImpact }));
    lines.push('', t('mdTeams', { count: timeline.teams }));
  } else {
    lines.push(t('mdNoImpact'));
  }

  heading(t('mdDetection'));
  const first = entries.find(e => e.kind === 'alert' || e.kind === 'triggered');
  if (first)
    lines.push(
      t('mdFirstSignal', {
        what: words.entry(first),
        time: words.dateTime(first.at),
      }),
      '',
    );
  lines.push(
    incident.acknowledgedAt
      ? t('mdTimeToAck', {
          duration: words.duration(
            ms(incident.acknowledgedAt) - ms(incident.createdAt),
          ),
        })
      : t('mdNotAcknowledged'),
  );

  heading(t('mdTrigger'));
  const changes = entries.filter(
    e => e.kind === 'change' && ms(e.at) <= ms(incident.createdAt),
  );
  const change = changes[changes.length - 1];
  lines.push(
    change
      ? t('mdTriggerChange', {
          summary: change.text ?? '',
          entity: words.entity(change.entityRef ?? HIDDEN_ENTITY_REF),
          time: words.dateTime(change.at),
          minutes: Math.round(
            (ms(incident.createdAt) - ms(change.at)) / 60_000,
          ),
        })
      : t('mdNoChange'),
  );

  heading(t('mdResolution'));
  if (incident.resolvedAt)
    lines.push(
      incident.resolvedBy
        ? t('mdResolvedBy', {
            time: words.dateTime(incident.resolvedAt),
            name: incident.resolvedBy,
          })
        : t('mdResolvedAt', { time: words.dateTime(incident.resolvedAt) }),
      '',
    );
  lines.push(t('mdResolutionPrompt'));

  heading(t('mdTimeline'));
  lines.push(
    `| ${t('mdTimelineTime')} | ${t('mdTimelineEvent')} |`,
    '| --- | --- |',
    ...entries.map(
      e => `| ${cell(words.dateTime(e.at))} | ${cell(words.entry(e))} |`,
    ),
  );

  heading(t('mdLessons'));
  lines.push(t('mdLessonsPrompt'));

  heading(t('mdActions'));
  lines.push(
    `| ${t('mdActionColumn')} | ${t('mdOwnerColumn')} | ${t('mdDueColumn')} |`,
    '| --- | --- | --- |',
    '|  |  |  |',
  );
  return `${lines.join('\n')}\n`;
}
