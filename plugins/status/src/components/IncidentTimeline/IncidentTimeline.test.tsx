import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  HIDDEN_ENTITY_REF,
  StatusIncidentTimeline,
} from '@status-layer/plugin-status-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { StatusApi, statusApiRef } from '../../api';
import { IncidentTimelineView } from './IncidentTimelinePage';

const T0 = Date.now() - 3 * 3_600_000;
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const AUTH = 'component:default/auth-service';
const SHOP = 'component:default/shop-web';

const timeline = (
  changes: Partial<StatusIncidentTimeline> = {},
): StatusIncidentTimeline => ({
  incident: {
    account: 'default',
    id: 'PLOGIN1',
    number: 42,
    title: 'Login failing',
    status: 'resolved',
    urgency: 'high',
    priority: 'P1',
    createdAt: at(0),
    acknowledgedAt: at(1),
    resolvedAt: at(5),
    resolvedBy: 'Ada Lovelace',
    htmlUrl: 'https://example.pagerduty.com/incidents/PLOGIN1',
    serviceName: 'Auth service',
    entityRefs: [AUTH],
    major: true,
  },
  entries: [
    {
      at: at(-6),
      kind: 'change',
      source: 'changes',
      text: 'Deployed auth-service v2.14.0',
      entityRef: AUTH,
      path: [AUTH],
    },
    { at: at(0), kind: 'triggered', source: 'pagerduty', text: 'Triggered' },
    {
      at: at(0.5),
      kind: 'impact',
      source: 'status-layer',
      entityRef: SHOP,
      level: 'partial_outage',
      path: [AUTH, HIDDEN_ENTITY_REF, SHOP],
    },
    {
      at: at(1),
      kind: 'acknowledged',
      source: 'pagerduty',
      by: 'Ada Lovelace',
      text: 'Acknowledged by Ada Lovelace',
    },
    {
      at: at(2),
      kind: 'note',
      source: 'pagerduty',
      by: 'Ada Lovelace',
      text: 'Rolling back | to v2.13.4',
    },
    { at: at(5), kind: 'resolved', source: 'pagerduty', text: 'Resolved' },
    {
      at: at(6),
      kind: 'recovered',
      source: 'status-layer',
      entityRef: SHOP,
      path: [AUTH, HIDDEN_ENTITY_REF, SHOP],
    },
  ],
  impact: [
    {
      entityRef: SHOP,
      level: 'partial_outage',
      path: [AUTH, HIDDEN_ENTITY_REF, SHOP],
      from: at(0.5),
      to: at(6),
      owner: 'group:default/shop',
    },
  ],
  hiddenImpact: 1,
  teams: 2,
  gaps: [{ code: 'not-observed' }],
  postmortem: null,
  generatedAt: at(10),
  ...changes,
});

async function render(
  value: StatusIncidentTimeline,
  api: Partial<StatusApi> = {},
  onChanged = jest.fn(),
) {
  await renderInTestApp(
    <IncidentTimelineView timeline={value} onChanged={onChanged} />,
    {
      apis: [[statusApiRef, api as StatusApi]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return onChanged;
}

describe('IncidentTimelineView', () => {
  it('shows the incident, what is missing, the impact with hidden entities masked, and every entry named by kind', async () => {
    await render(timeline());
    expect(
      screen.getByRole('heading', { name: 'Incident #42: Login failing' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /^Open in PagerDuty/ }),
    ).toHaveAttribute(
      'href',
      'https://example.pagerduty.com/incidents/PLOGIN1',
    );
    expect(screen.getByRole('note')).toHaveTextContent(
      'The status layer was not observing levels when this incident began',
    );
    const impact = screen.getByRole('table', { name: 'Impact' });
    const row = within(impact).getAllByRole('row')[1];
    expect(row).toHaveTextContent('an entity you may not see');
    expect(row).toHaveTextContent('Partial outage');
    expect(
      screen.getByText('And 1 entity you may not see.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('2 entities made worse, 2 teams reached'),
    ).toBeInTheDocument();

    const entries = within(
      screen.getByRole('list', { name: 'Timeline' }),
    ).getAllByRole('listitem');
    expect(entries.map(e => e.getAttribute('data-kind'))).toEqual([
      'change',
      'triggered',
      'impact',
      'acknowledged',
      'note',
      'resolved',
      'recovered',
    ]);
    expect(entries[2]).toHaveTextContent('Impact');
    expect(entries[2]).toHaveTextContent('shop-web turned Partial outage');
    expect(entries[6]).toHaveTextContent('shop-web recovered');
    expect(screen.getByText('No postmortem yet')).toBeInTheDocument();
    // the hidden marker is never shown as a name
    expect(document.body.textContent).not.toMatch(/\bhidden\b/);
  });

  it('drafts a blameless postmortem from the timeline, naming only what the reader may see', async () => {
    await render(timeline());
    fireEvent.click(screen.getByRole('button', { name: 'Draft a postmortem' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Postmortem draft',
    });
    const draft = (
      within(dialog).getByLabelText(
        'Postmortem draft in Markdown',
      ) as HTMLTextAreaElement
    ).value;
    for (const section of [
      '# Postmortem: Login failing',
      '## Summary',
      '## Impact',
      '## Detection',
      '## Trigger',
      '## Resolution',
      '## Timeline',
      '## Lessons learned',
      '## Action items',
    ])
      expect(draft).toContain(section);
    expect(draft).toContain('Time to acknowledge: 1 min.');
    expect(draft).toMatch(
      /The last change before it: Deployed auth-service v2\.14\.0 on auth-service at .*, 6 min before the incident\./,
    );
    expect(draft).toMatch(
      /- shop-web: Partial outage for 6 min \(via auth-service → an entity you may not see → shop-web\)/,
    );
    expect(draft).toContain('- and 1 entity you may not see');
    expect(draft).toContain('Resolved at');
    expect(draft).toContain('by Ada Lovelace');
    // a pipe in a note does not break the timeline's table
    expect(draft).toContain('Rolling back \\| to v2.13.4');
    expect(draft).not.toMatch(/\bhidden\b/);
  });

  it('offers no draft before the incident resolves', async () => {
    await render(
      timeline({
        incident: {
          ...timeline().incident,
          status: 'acknowledged',
          resolvedAt: null,
        },
      }),
    );
    expect(
      screen.queryByRole('button', { name: 'Draft a postmortem' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText(
        'A postmortem can be drafted once the incident resolves.',
      ),
    ).toBeInTheDocument();
  });

  it('lets the owning team link the written postmortem, and says plainly when it may not', async () => {
    const setIncidentPostmortem = jest
      .fn()
      .mockRejectedValueOnce(
        new Error(
          "Only the team that owns the incident's entity links its postmortem",
        ),
      )
      .mockResolvedValueOnce(undefined);
    const onChanged = await render(timeline(), { setIncidentPostmortem });
    fireEvent.click(screen.getByRole('button', { name: 'Link a postmortem' }));
    fireEvent.change(screen.getByLabelText(/Postmortem URL/), {
      target: { value: 'https://wiki.example.com/pm/login' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "The link was not saved: Only the team that owns the incident's entity links its postmortem",
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(setIncidentPostmortem).toHaveBeenLastCalledWith(
      'default',
      'PLOGIN1',
      { url: 'https://wiki.example.com/pm/login' },
    );
  });

  it('shows a postmortem found in a note as the link', async () => {
    await render(
      timeline({
        postmortem: {
          url: 'https://wiki.example.com/pm/cert',
          title: 'Login failing after the certificate rotation',
          source: 'note',
        },
      }),
    );
    expect(
      screen.getByRole('link', {
        name: /^Login failing after the certificate rotation/,
      }),
    ).toHaveAttribute('href', 'https://wiki.example.com/pm/cert');
    expect(
      screen.getByText('linked in a note on the incident'),
    ).toBeInTheDocument();
  });
});
