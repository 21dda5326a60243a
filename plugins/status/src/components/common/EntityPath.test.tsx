import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { EntityPath } from './EntityPath';

const ORDERS = 'component:default/order-service';
const STOCK = 'component:default/inventory-api';

describe('EntityPath', () => {
  it('names each entity and no mark when every hop is in the catalog', async () => {
    await renderInTestApp(<EntityPath path={[ORDERS, STOCK]} />, {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      screen.getByLabelText(`Dependency path: ${ORDERS} → ${STOCK}`),
    ).toHaveTextContent('order-service → inventory-api');
    expect(screen.queryByText(/known from PagerDuty/)).not.toBeInTheDocument();
  });

  it('says which hop is known from PagerDuty, in words and to a screen reader', async () => {
    await renderInTestApp(
      <EntityPath
        path={['component:default/checkout-api', ORDERS, STOCK]}
        pagerDutyHops={[1]}
      />,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    const path = screen.getByLabelText(
      `Dependency path: component:default/checkout-api → ${ORDERS} → (known from PagerDuty) ${STOCK}`,
    );
    expect(path).toHaveTextContent(
      'checkout-api → order-service → (known from PagerDuty) inventory-api',
    );
    // the mark is reachable by keyboard, where its hint shows
    expect(screen.getByText('(known from PagerDuty)')).toHaveAttribute(
      'tabindex',
      '0',
    );
  });
});
