import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  HIDDEN_ENTITY_REF,
  StatusHistory,
  StatusTransitionsPage,
  historyAvailability,
  withBackfilledDays,
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

function renderCard(
  getTransitions: StatusApi['getTransitions'],
  adjust: (history: StatusHistory) => StatusHistory = h => h,
) {
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
    getEntityHistory: async () => adjust(history),
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

  it("tells the days before recording began from PagerDuty's past incidents, upstreams unknown", async () => {
    await renderCard(
      async () => {
        throw new Error('not asked');
      },
      history => {
        const days = withBackfilledDays(
          history.days,
          [
            {
              createdAt: new Date(at(60, 8)),
              resolvedAt: new Date(at(60, 9.5)),
              level: 'major_outage',
            },
          ],
          {
            from: new Date(at(70, 0)),
            until: new Date(history.observedSince!),
          },
        );
        return {
          ...history,
          backfilledFrom: at(70, 0),
          days,
          // as the backend counts it, from the days as filled
          availability: [7, 30, 90].map(n => historyAvailability(days, n)),
        };
      },
    );
    await screen.findByRole('group', { name: 'Daily history' });
    expect(
      screen
        .getByTestId(`history-day-${dateOf(60)}`)
        .getAttribute('aria-label'),
    ).toBe(
      `${dateOf(
        60,
      )}: from PagerDuty's past incidents (before recording began): 1 incident over 1 h 30 min, Major outage at worst; upstreams unknown`,
    );
    expect(
      screen
        .getByTestId(`history-day-${dateOf(65)}`)
        .getAttribute('aria-label'),
    ).toBe(
      `${dateOf(
        65,
      )}: from PagerDuty's past incidents (before recording began): no incidents; upstreams unknown`,
    );
    expect(
      screen
        .getByTestId(`history-day-${dateOf(80)}`)
        .getAttribute('aria-label'),
    ).toBe(`${dateOf(80)}: no data (not yet recorded)`);
    expect(
      screen.getByText(/come from PagerDuty's past incidents only/),
    ).toBeVisible();
    // the days the past incidents cover count towards its own availability,
    // and say so; overall counts only the time recorded
    const quarter = screen.getByTestId('availability-90');
    expect(quarter).toHaveTextContent(/over the .+ recorded/);
    expect(quarter).toHaveTextContent(
      /own signals only: \d+\.\d\d% \(with \d+ days before recording, from PagerDuty's past incidents\)/,
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
        changes: [
          {
            id: '01DEPLOY',
            at: at(1, 8.9),
            summary: 'Deployed checkout v5.2.0',
            links: [],
            entityRef: REF,
            path: [REF],
            followedBy: {
              entityRef: REF,
              level: 'partial_outage',
              at: at(1, 9),
              minutesAfter: 6,
            },
          },
        ],
        hiddenChanges: 1,
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
    // and that day's deploys, beside the level changes
    const deploys = screen.getByRole('region', {
      name: `Deploys of ${dateOf(1)}`,
    });
    expect(
      within(deploys).getByRole('listitem', {
        name: 'Change: Deployed checkout v5.2.0',
      }),
    ).toHaveTextContent('6 min before checkout turned partial outage');
    expect(deploys).toHaveTextContent(
      '1 more change on upstreams you cannot see.',
    );
  });

  it("lists a roll-up's day by member", async () => {
    const asked: [string, boolean | undefined][] = [];
    const history = aHistory('group:default/shop', [], now);
    const api: Partial<StatusApi> = {
      getRollupHistory: async () => ({ ...history, members: 2 }),
      getTransitions: async (ref, day, rollup) => {
        asked.push([day, rollup]);
        return {
          entityRef: ref,
          day,
          truncated: false,
          transitions: [
            {
              at: at(1, 9),
              entityRef: 'component:default/cart-api',
              effectiveFrom: 'operational',
              effectiveTo: 'degraded',
              signals: [],
              rootCauses: [],
            },
          ],
        };
      },
    };
    await renderInTestApp(
      <HistoryCard entityRef="group:default/shop" rollup />,
      {
        apis: [[statusApiRef, api as StatusApi]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    await userEvent.click(
      await screen.findByTestId(`history-day-${dateOf(1)}`),
    );
    const day = await screen.findByRole('region', {
      name: `Changes on ${dateOf(1)}`,
    });
    expect(asked).toEqual([[dateOf(1), true]]);
    expect(within(day).getByRole('listitem')).toHaveTextContent(
      '09:00 UTCcart-apiOperational→Degraded',
    );
  });
});
