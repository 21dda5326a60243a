import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  HIDDEN_ENTITY_REF,
  StatusTransitionsPage,
} from '@status-layer/plugin-status-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aHistory } from '../../__fixtures__/history';
import { StatusApi, statusApiRef } from '../../api';
import { HistoryCard } from './HistoryCard';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const REF = 'component:default/checkout';
// the tests run any day: everything is relative to today's 12:00 UTC
const today = Math.floor(Date.now() / DAY) * DAY;
const now = new Date(today + 12 * HOUR);
const at = (daysAgo: number, hour: number) =>
  new Date(today - daysAgo * DAY + hour * HOUR).toISOString();
const dateOf = (daysAgo: number) => at(daysAgo, 0).slice(0, 10);

function renderCard(getTransitions: StatusApi['getTransitions']) {
  const history = aHistory(
    REF,
    [
      // two hours of its own outage three days ago
      { at: at(3, 8), ownTo: 'major_outage', effectiveTo: 'major_outage' },
      { at: at(3, 10), ownTo: 'operational', effectiveTo: 'operational' },
      // yesterday, an hour down because of auth-service
      {
        at: at(1, 9),
        ownTo: 'operational',
        effectiveTo: 'partial_outage',
        rootCauses: ['component:default/auth-service'],
      },
      { at: at(1, 10), ownTo: 'operational', effectiveTo: 'operational' },
    ],
    now,
  );
  const api: Partial<StatusApi> = {
    getEntityHistory: async () => history,
    getTransitions,
  };
  return renderInTestApp(<HistoryCard entityRef={REF} />, {
    apis: [[statusApiRef, api as StatusApi]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

describe('HistoryCard', () => {
  it('shows a bar per day telling own from upstream-caused downtime, and the availability', async () => {
    await renderCard(async () => {
      throw new Error('not asked');
    });
    const bars = within(
      await screen.findByRole('group', { name: 'Daily history' }),
    ).getAllByRole('button');
    expect(bars).toHaveLength(90);
    expect(
      screen.getByTestId(`history-day-${dateOf(3)}`).getAttribute('aria-label'),
    ).toBe(`${dateOf(3)}: Major outage at worst; down 2 h by its own signals`);
    expect(
      screen.getByTestId(`history-day-${dateOf(1)}`).getAttribute('aria-label'),
    ).toBe(
      `${dateOf(
        1,
      )}: Partial outage at worst; down 1 h because of component:auth-service`,
    );
    expect(
      screen.getByTestId(`history-day-${dateOf(2)}`).getAttribute('aria-label'),
    ).toBe(`${dateOf(2)}: Operational at worst; no downtime`);
    // recorded for 30 days only: older days have no data
    expect(
      screen
        .getByTestId(`history-day-${dateOf(60)}`)
        .getAttribute('aria-label'),
    ).toBe(`${dateOf(60)}: no data (not yet recorded)`);

    // 7 days: 6.5 days observed (156 h), 3 h down, 2 of them its own
    const week = screen.getByTestId('availability-7');
    expect(week).toHaveTextContent(`${((1 - 3 / 156) * 100).toFixed(2)}%`);
    expect(week).toHaveTextContent(
      `own signals only: ${((1 - 2 / 156) * 100).toFixed(2)}%`,
    );
  });

  it("lists a chosen day's changes with what explained them, without naming hidden upstreams", async () => {
    const asked: string[] = [];
    await renderCard(async (_ref, day): Promise<StatusTransitionsPage> => {
      asked.push(day);
      return {
        entityRef: REF,
        day,
        truncated: false,
        transitions: [
          {
            at: at(1, 9),
            effectiveFrom: 'operational',
            effectiveTo: 'partial_outage',
            signals: [],
            rootCauses: [
              {
                root: HIDDEN_ENTITY_REF,
                level: 'partial_outage',
                path: [REF, HIDDEN_ENTITY_REF],
              },
            ],
          },
          {
            at: at(1, 10),
            effectiveFrom: 'partial_outage',
            effectiveTo: 'operational',
            signals: [],
            rootCauses: [],
          },
        ],
      };
    });
    await userEvent.click(
      await screen.findByTestId(`history-day-${dateOf(1)}`),
    );
    const day = await screen.findByRole('region', {
      name: `Changes on ${dateOf(1)}`,
    });
    expect(asked).toEqual([dateOf(1)]);
    expect(day).toHaveTextContent('2 changes');
    const entries = within(day).getAllByRole('listitem');
    expect(entries[0]).toHaveTextContent(
      '09:00 UTCOperational→Partial outagebecause of an upstream you cannot see',
    );
    expect(entries[1]).toHaveTextContent('10:00 UTCPartial outage→Operational');
  });
});
