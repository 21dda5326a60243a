import {
  DISPLAY_LEVEL_LABELS,
  DisplayLevel,
} from '@status-layer/plugin-status-common';

/** Badge colours per level, readable with white text. */
const BADGE_COLOURS: Record<DisplayLevel, string> = {
  operational: '#2e7d32',
  degraded: '#9e6a00',
  partial_outage: '#d84315',
  major_outage: '#c62828',
  under_maintenance: '#1565c0',
  unknown: '#616161',
  not_monitored: '#616161',
  misconfigured: '#6a1b9a',
};

const escapeXml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

/** Text width in a 11 px sans-serif, near enough for a badge. */
const widthOf = (text: string) => Math.round(text.length * 6.6 + 12);

/**
 * A status badge in the shields.io style, for READMEs: "status" and the
 * level, coloured; its title names the entity.
 */
export function badgeSvg(options: {
  name: string;
  level: DisplayLevel;
}): string {
  const label = 'status';
  const value = DISPLAY_LEVEL_LABELS[options.level].toLowerCase();
  const left = widthOf(label);
  const right = widthOf(value);
  const title = escapeXml(`${options.name}: ${value}`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${
      left + right
    }" height="20" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    `<rect width="${left}" height="20" fill="#555"/>`,
    `<rect x="${left}" width="${right}" height="20" fill="${
      BADGE_COLOURS[options.level]
    }"/>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">`,
    `<text x="${left / 2}" y="14">${label}</text>`,
    `<text x="${left + right / 2}" y="14">${escapeXml(value)}</text>`,
    '</g></svg>',
  ].join('');
}

/** One entry of a status feed: a level change. */
export type FeedEntry = {
  id: string;
  at: Date;
  title: string;
  text: string;
};

/** An Atom feed (RFC 4287) of level changes, newest first. */
export function atomFeed(options: {
  id: string;
  title: string;
  /** The page it describes, when the portal's address is known. */
  link?: string;
  entries: FeedEntry[];
  now: Date;
}): string {
  const updated = (options.entries[0]?.at ?? options.now).toISOString();
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<id>${escapeXml(options.id)}</id>`,
    `<title>${escapeXml(options.title)}</title>`,
    `<updated>${updated}</updated>`,
    '<author><name>Status</name></author>',
    options.link
      ? `<link rel="alternate" type="text/html" href="${escapeXml(
          options.link,
        )}"/>`
      : '',
    ...options.entries.map(entry =>
      [
        '<entry>',
        `<id>${escapeXml(entry.id)}</id>`,
        `<title>${escapeXml(entry.title)}</title>`,
        `<updated>${entry.at.toISOString()}</updated>`,
        `<content type="text">${escapeXml(entry.text)}</content>`,
        '</entry>',
      ].join(''),
    ),
    '</feed>',
  ].join('\n');
}
