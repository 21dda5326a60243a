import { HIDDEN_ENTITY_REF } from '../api';

/**
 * The longest description a report may carry; PagerDuty's notes take more,
 * but a report is read by someone being paged.
 *
 * @public
 */
export const MAX_REPORT_DESCRIPTION_LENGTH = 2_000;

/** PagerDuty shows about this much of an incident title in lists and pages. */
const MAX_TITLE_LENGTH = 255;

/**
 * The words of a report as PagerDuty receives them: who is affected, by
 * which path, what the reporter sees, and who reports it. Entities are named
 * as the reporter may see them; an entity hidden from them is only counted.
 *
 * @public
 */
export type ReportWording = {
  /** The target's name (or title). */
  target: string;
  /** The affected entity's name (or title). */
  affected: string;
  /** The entities between them, by name; {@link HIDDEN_ENTITY_REF} for one hidden. */
  via: string[];
  description: string;
  /** The reporter's name and e-mail address. */
  reporter: string;
};

const viaText = (via: string[]) => {
  const named = via.filter(v => v !== HIDDEN_ENTITY_REF);
  const hidden = via.length - named.length;
  const parts = [...named];
  if (hidden)
    parts.push(hidden === 1 ? '1 more service' : `${hidden} more services`);
  return parts.length ? ` via ${parts.join(' → ')}` : '';
};

/**
 * The note added to an open incident of the target, for example
 * `Also affecting shop-web via api-gateway: checkout fails (reported by …)`,
 * or `Also seen: …` when the reporter's entity is the target itself.
 *
 * @public
 */
export function reportNoteText(wording: ReportWording): string {
  const what =
    wording.affected === wording.target
      ? 'Also seen'
      : `Also affecting ${wording.affected}${viaText(wording.via)}`;
  return `${what}: ${wording.description.trim()}\n\nReported in Backstage by ${
    wording.reporter
  }.`;
}

/**
 * The title and details of a new incident opened by a report.
 *
 * @public
 */
export function reportIncidentText(wording: ReportWording): {
  title: string;
  details: string;
} {
  const firstLine = wording.description.trim().split('\n')[0];
  const self = wording.affected === wording.target;
  const title = `${wording.target}: ${firstLine} (reported ${
    self ? 'in Backstage' : `from ${wording.affected}`
  })`;
  const who = self
    ? `Reported in Backstage by ${wording.reporter}.`
    : `Reported in Backstage by ${wording.reporter}, whose ${
        wording.affected
      } depends on ${wording.target}${viaText(wording.via)}.`;
  return {
    title:
      title.length > MAX_TITLE_LENGTH
        ? `${title.slice(0, MAX_TITLE_LENGTH - 1)}…`
        : title,
    details: `${who}\n\n${wording.description.trim()}`,
  };
}
