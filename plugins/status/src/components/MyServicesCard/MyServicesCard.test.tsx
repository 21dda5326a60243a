import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { identityApiRef } from '@backstage/frontend-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { pagedStatusApi } from '../../__fixtures__/pagedStatusApi';
import { aSummary } from '../../__fixtures__/summary';
import { StatusApi, statusApiRef } from '../../api';
import { MyServicesCard } from './MyServicesCard';

function renderCard(getSummary: StatusApi['getSummary'], groups: string[]) {
  return renderInTestApp(<MyServicesCard />, {
    apis: [
      [statusApiRef, { getSummary } as Partial<StatusApi> as StatusApi],
      [
        identityApiRef,
        mockApis.identity({
          userEntityRef: 'user:default/lin',
          ownershipEntityRefs: ['user:default/lin', ...groups],
        }),
      ],
    ],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

describe('MyServicesCard', () => {
  it("asks for the reader's teams and their upstreams, and lists what is not operational, worst first, with its root cause", async () => {
    const { getSummary } = pagedStatusApi();
    await renderCard(getSummary, ['group:default/ecommerce']);
    const list = await screen.findByRole('list', { name: 'Not operational' });
    expect(getSummary).toHaveBeenCalledWith(
      { within: ['group:default/ecommerce'] },
      { limit: 10 },
    );
    const items = list.querySelectorAll(':scope > li');
    // ten listed (the first page, worst first), the rest counted
    expect(items).toHaveLength(11);
    expect(items[0].textContent).toMatch(/Major outage/);
    expect(items[10].textContent).toBe('and 4 more on the status page');
    expect(list.textContent).not.toMatch(/Operational/);
  });

  it('says so when all is well', async () => {
    const healthy = aSummary();
    healthy.entities = healthy.entities.map(e => ({
      ...e,
      inherited: 'operational' as const,
      effective: 'operational' as const,
    }));
    await renderCard(pagedStatusApi(healthy).getSummary, [
      'group:default/ecommerce',
    ]);
    expect(
      await screen.findByText(
        'All 15 services your teams own or depend on are operational.',
      ),
    ).toBeInTheDocument();
  });

  it('asks nothing for a reader without a team', async () => {
    const getSummary = jest.fn(async () => aSummary());
    await renderCard(getSummary, []);
    expect(
      await screen.findByText(/You belong to no team in the catalog/),
    ).toBeInTheDocument();
    expect(getSummary).not.toHaveBeenCalled();
  });
});
