import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { responsePeriods } from '@status-layer/plugin-status-common';
import { screen, within } from '@testing-library/react';
import { StatusApi, statusApiRef } from '../../api';
import { statusTranslationRef } from '../../translation';
import { countedFrom, ResponseCard } from './ResponseCard';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The history section's words in English, as the page has them. */
function englishWords(): Parameters<typeof countedFrom>[1] {
  const snapshot = mockApis.translation().getTranslation(statusTranslationRef);
  if (!snapshot.ready) throw new Error('The default words are always ready');
  const t = snapshot.t as unknown as (key: string, params?: object) => string;
  return (key, params) => t(`history.${key}`, params);
}

describe('ResponseCard', () => {
  it('shows incidents, MTTA and MTTR per period against the period before, with their definitions', async () => {
    const now = new Date();
    const at = (ms: number) => new Date(now.getTime() - ms).toISOString();
    const periods = responsePeriods(
      [
        // this week: acknowledged after 5 min, resolved after 30
        {
          createdAt: at(DAY),
          acknowledgedAt: at(DAY - 5 * MINUTE),
          resolvedAt: at(DAY - 30 * MINUTE),
        },
        // the week before: acknowledged after 15 min, resolved after 30
        {
          createdAt: at(9 * DAY),
          acknowledgedAt: at(9 * DAY - 15 * MINUTE),
          resolvedAt: at(9 * DAY - 30 * MINUTE),
        },
      ],
      now,
    );
    const api: Partial<StatusApi> = {
      getResponse: async entityRef => ({
        entityRef,
        services: 1,
        periods,
        truncated: false,
      }),
    };
    await renderInTestApp(
      <ResponseCard entityRef="component:default/cart-api" />,
      { apis: [[statusApiRef, api as StatusApi]] },
    );
    const table = await screen.findByRole('table', {
      name: 'Incident response',
    });
    const week = within(table).getAllByRole('row')[1];
    expect(week).toHaveTextContent(
      '7 days1 (before: 1)5 min (better than 15 min the period before)30 min (as 30 min the period before)',
    );
    expect(screen.getByText(/MTTA is the mean time/)).toBeInTheDocument();
  });

  it('says where the counted incidents come from: recorded, read from PagerDuty, or still being read', () => {
    const words = englishWords();
    const base = {
      entityRef: 'component:default/cart-api',
      services: 1,
      periods: [],
      truncated: false,
      observedSince: '2026-11-30T08:00:00.000Z',
    };
    expect(countedFrom(base, words)).toBe(
      'Incidents count from when the status layer began recording (2026-11-30).',
    );
    expect(
      countedFrom(
        {
          ...base,
          backfill: {
            from: '2026-09-01T08:00:00.000Z',
            incidents: 40,
            finished: false,
          },
        },
        words,
      ),
    ).toBe(
      'Past incidents are still being read from PagerDuty (40 so far): figures before the status layer began recording (2026-11-30) are incomplete.',
    );
    expect(
      countedFrom(
        {
          ...base,
          backfill: {
            from: '2026-09-01T08:00:00.000Z',
            incidents: 120,
            finished: true,
          },
        },
        words,
      ),
    ).toBe(
      "Incidents count from 2026-09-01: those before the status layer began recording (2026-11-30) were read from PagerDuty's analytics, with their first acknowledgement.",
    );
  });
});
