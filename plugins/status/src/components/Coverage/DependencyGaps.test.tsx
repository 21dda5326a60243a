import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { StatusDependencyCoverage } from '@status-layer/plugin-status-common';
import { screen, within } from '@testing-library/react';
import { StatusApi, statusApiRef } from '../../api';
import { DependencyGaps } from './DependencyGaps';

const ORDERS = 'component:default/order-service';
const STOCK = 'component:default/inventory-api';

function renderGaps(answer: () => Promise<StatusDependencyCoverage>) {
  const api: Partial<StatusApi> = { getDependencyCoverage: answer };
  return renderInTestApp(<DependencyGaps />, {
    apis: [[statusApiRef, api as StatusApi]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

describe('DependencyGaps', () => {
  it('lists what PagerDuty knows that the catalog lacks, and says levels do not follow it', async () => {
    await renderGaps(async () => ({
      mode: 'suggest',
      pagerDutyOnly: [{ dependent: ORDERS, upstream: STOCK }],
      catalogOnly: [],
      truncated: false,
    }));
    const table = await screen.findByTestId('dependency-gaps-pagerduty-only');
    const [, row] = within(table).getAllByRole('row');
    expect(
      within(row)
        .getAllByRole('cell')
        .map(cell => cell.textContent),
    ).toEqual(['order-service', 'inventory-api']);
    expect(within(row).getAllByRole('link')).toHaveLength(2);
    expect(
      screen.getByText(/Suggestions only: levels follow the catalog/),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('region', {
          name: 'In the catalog, missing from PagerDuty',
        }),
      ).getByText('None you may read.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('says when the lists are cut, and what use means', async () => {
    await renderGaps(async () => ({
      mode: 'use',
      pagerDutyOnly: [],
      catalogOnly: [{ dependent: ORDERS, upstream: STOCK }],
      truncated: true,
    }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'More exist than are shown.',
    );
    expect(
      screen.getByText(/Levels also follow the dependencies only PagerDuty/),
    ).toBeInTheDocument();
    expect(
      screen.getByTestId('dependency-gaps-catalog-only'),
    ).toBeInTheDocument();
  });

  it('shows the error and a retry when the backend cannot answer', async () => {
    await renderGaps(async () => {
      throw new Error('status backend unavailable');
    });
    expect(
      await screen.findByText(
        /Could not load the dependencies PagerDuty and the catalog disagree on/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });
});
