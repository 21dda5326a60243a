import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  StatusIncident,
  StatusReportTarget,
} from '@status-layer/plugin-status-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { StatusApi, statusApiRef } from '../../api';
import { ReportProblemButton } from './ReportProblem';

const LOGIN = 'component:default/login-api';
const SHOP = 'component:default/shop-web';

const incident: StatusIncident = {
  id: 'PINC1',
  account: 'default',
  number: 12,
  title: 'Sign-in answers 502',
  status: 'acknowledged',
  urgency: 'high',
  priority: 'P1',
  createdAt: new Date(Date.now() - 600_000).toISOString(),
  acknowledgedAt: new Date(Date.now() - 300_000).toISOString(),
  assignees: [{ id: 'PU1', name: 'Ada Identity' }],
  htmlUrl: 'https://pd.example.com/incidents/PINC1',
  conferenceUrl: 'https://meet.example.com/login',
  conferenceNumber: null,
};

const target = (
  changes: Partial<StatusReportTarget> = {},
): StatusReportTarget => ({
  target: { entityRef: LOGIN },
  affected: { entityRef: SHOP },
  affectedChoices: [{ entityRef: SHOP }],
  path: [SHOP, 'hidden', LOGIN],
  openIncidents: [],
  means: 'incident',
  owner: {
    entityRef: 'group:default/identity',
    displayName: 'Identity team',
    slackChannel: '#identity',
  },
  urgencies: ['low', 'high'],
  allowed: true,
  ...changes,
});

async function open(api: Partial<StatusApi>) {
  await renderInTestApp(
    <ReportProblemButton target={LOGIN} affected={SHOP} />,
    {
      apis: [[statusApiRef, api as StatusApi]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  fireEvent.click(
    screen.getByRole('button', { name: 'Report a problem with login-api' }),
  );
  return screen.findByRole('dialog', {
    name: 'Report a problem with login-api',
  });
}

describe('ReportProblemButton', () => {
  it('offers to add the report to the open incident instead of paging again', async () => {
    const reportProblem = jest.fn(async () => ({
      kind: 'note' as const,
      incident,
    }));
    const dialog = await open({
      getReportTarget: async () => target({ openIncidents: [incident] }),
      reportProblem,
    });
    expect(
      await within(dialog).findByText(/Someone is already on it/),
    ).toBeInTheDocument();
    // the path names what the reader may see, and hides the rest
    expect(dialog).toHaveTextContent('an entity you cannot see');
    expect(
      within(dialog).getByRole('link', { name: /^#12 Sign-in answers 502/ }),
    ).toBeInTheDocument();
    expect(within(dialog).queryByRole('radiogroup')).toBeNull();
    const add = within(dialog).getByRole('button', {
      name: 'Add my report to #12',
    });
    expect(add).toBeDisabled();
    fireEvent.change(
      within(dialog).getByRole('textbox', { name: /What do you see/ }),
      { target: { value: 'Checkout cannot sign in' } },
    );
    fireEvent.click(add);
    expect(await within(dialog).findByRole('status')).toHaveTextContent(
      'Your report was added to incident #12.',
    );
    expect(reportProblem).toHaveBeenCalledWith({
      target: LOGIN,
      affected: SHOP,
      description: 'Checkout cannot sign in',
      urgency: undefined,
      incident: { account: 'default', id: 'PINC1' },
    });
    expect(
      within(dialog).getByRole('link', { name: /^Timeline of #12/ }),
    ).toHaveAttribute('href', '/status/incidents/default/PINC1');
  });

  it('lets the reader name another of their entities that suffers, and reads its path', async () => {
    const CART = 'component:default/cart-api';
    const asked: string[] = [];
    const reportProblem = jest.fn(async () => ({
      kind: 'incident' as const,
      incident,
    }));
    const dialog = await open({
      getReportTarget: async (_target, affected) => {
        asked.push(affected);
        return target({
          affected: { entityRef: affected },
          affectedChoices: [
            { entityRef: affected },
            ...[SHOP, CART]
              .filter(ref => ref !== affected)
              .map(entityRef => ({ entityRef })),
          ],
          path: [affected, LOGIN],
        });
      },
      reportProblem,
    });
    const choice = await within(dialog).findByRole('combobox', {
      name: 'Which of your entities suffers from it',
    });
    expect(choice).toHaveValue(SHOP);
    fireEvent.change(choice, { target: { value: CART } });
    await waitFor(() =>
      expect(dialog).toHaveTextContent(
        'You report it as the owner of cart-api.',
      ),
    );
    expect(asked).toEqual([SHOP, CART]);
    fireEvent.change(
      within(dialog).getByRole('textbox', { name: /What do you see/ }),
      { target: { value: 'Carts cannot sign in' } },
    );
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Open an incident' }),
    );
    await waitFor(() =>
      expect(reportProblem).toHaveBeenCalledWith(
        expect.objectContaining({ target: LOGIN, affected: CART }),
      ),
    );
  });

  it('opens an incident at the urgency chosen, and keeps the text when the send fails', async () => {
    const reportProblem = jest
      .fn()
      .mockRejectedValueOnce(
        new Error('PagerDuty did not take the report: 403'),
      )
      .mockResolvedValueOnce({
        kind: 'incident',
        incident: { ...incident, number: 13, id: 'PNEW' },
      });
    const dialog = await open({
      getReportTarget: async () => target(),
      reportProblem,
    });
    const urgency = await within(dialog).findByRole('radiogroup');
    expect(within(urgency).getByRole('radio', { name: /^Low/ })).toBeChecked();
    fireEvent.click(within(urgency).getByRole('radio', { name: /^High/ }));
    const text = within(dialog).getByRole('textbox', {
      name: /What do you see/,
    });
    fireEvent.change(text, { target: { value: 'Every sign-in fails' } });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Open an incident' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Your report was not sent; your text is kept.PagerDuty did not take the report: 403',
    );
    expect(text).toHaveValue('Every sign-in fails');
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Open an incident' }),
    );
    expect(await within(dialog).findByRole('status')).toHaveTextContent(
      'Incident #13 is open; its on-call is being paged.',
    );
    expect(reportProblem).toHaveBeenLastCalledWith(
      expect.objectContaining({ urgency: 'high', incident: undefined }),
    );
  });

  it('says whom to contact when the reader may not report', async () => {
    const dialog = await open({
      getReportTarget: async () =>
        target({ allowed: false, notAllowedReason: 'permission' }),
    });
    expect(
      await within(dialog).findByText(/You may not report problems/),
    ).toBeInTheDocument();
    expect(dialog).toHaveTextContent('Identity team');
    expect(
      within(dialog).queryByRole('button', { name: 'Open an incident' }),
    ).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('says whom to contact when nothing can page the target', async () => {
    const dialog = await open({
      getReportTarget: async () => target({ means: 'none' }),
    });
    expect(
      await within(dialog).findByText(
        /has no PagerDuty service nor integration key/,
      ),
    ).toBeInTheDocument();
    expect(dialog).toHaveTextContent('#identity');
  });
});
