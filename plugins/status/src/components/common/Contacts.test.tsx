import { renderInTestApp } from '@backstage/frontend-test-utils';
import { StatusEscalationPolicy } from '@status-layer/plugin-status-common';
import { screen, within } from '@testing-library/react';
import { OnCall } from './Contacts';

const HOUR = 3_600_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

const policy = (
  onCall: StatusEscalationPolicy['onCall'],
  onCallReadAt: string | null,
): StatusEscalationPolicy => ({
  id: 'PEP1',
  name: 'Identity on-call',
  onCall,
  onCallReadAt,
});

describe('OnCall', () => {
  it('never shows a shift that has ended as on call now: it says until when, and that PagerDuty has not been read since', async () => {
    // read two years ago; the shift ended a year ago
    const readAt = at(-2 * 365 * 24 * HOUR);
    await renderInTestApp(
      <OnCall
        policies={[
          policy(
            [
              {
                level: 1,
                user: { id: 'U1', name: 'Ada Platform' },
                start: at(-2 * 365 * 24 * HOUR - HOUR),
                end: at(-365 * 24 * HOUR),
              },
              {
                level: 2,
                user: { id: 'U2', name: 'Grace Lead' },
                start: null,
                end: null,
              },
            ],
            readAt,
          ),
        ]}
      />,
    );
    const now = screen.getByRole('list', {
      name: 'On call for Identity on-call',
    });
    expect(within(now).getByText('Grace Lead')).toBeInTheDocument();
    expect(within(now).queryByText('Ada Platform')).not.toBeInTheDocument();
    const ended = screen.getByRole('list', {
      name: 'Shifts that have ended for Identity on-call',
    });
    expect(ended).toHaveTextContent(/Level 1: Ada Platform was on call until/);
    expect(
      screen.getByText(/PagerDuty's on-call has not been read since/),
    ).toHaveTextContent(
      new Date(readAt).toLocaleString([], {
        dateStyle: 'medium',
        timeStyle: 'short',
      }),
    );
  });

  it('shows a current shift with its end, and nobody when there is none', async () => {
    await renderInTestApp(
      <OnCall
        policies={[
          policy(
            [
              {
                level: 1,
                user: {
                  id: 'U1',
                  name: 'Ada Platform',
                  email: 'ada@example.com',
                },
                start: at(-HOUR),
                end: at(HOUR),
              },
            ],
            at(-60_000),
          ),
          { ...policy([], at(-60_000)), id: 'PEP2', name: 'Shop on-call' },
        ]}
      />,
    );
    const list = screen.getByRole('list', {
      name: 'On call for Identity on-call',
    });
    expect(list).toHaveTextContent(
      /Level 1: Ada Platform \(ada@example.com.*\) until/,
    );
    expect(screen.getByText('Nobody is on call')).toBeInTheDocument();
    expect(screen.queryByText(/has not been read/)).not.toBeInTheDocument();
  });
});
