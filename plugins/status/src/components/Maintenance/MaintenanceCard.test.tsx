import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { statusTranslationRef } from '../../translation';
import { describeWindow, MaintenanceCard } from './MaintenanceCard';

const MINUTE = 60_000;
const at = (minutesFromNow: number) =>
  new Date(Date.now() + minutesFromNow * MINUTE).toISOString();

/** The dashboard's words in English, as the page has them. */
function englishWords(): Parameters<typeof describeWindow>[1] {
  const snapshot = mockApis.translation().getTranslation(statusTranslationRef);
  if (!snapshot.ready) throw new Error('The default words are always ready');
  const t = snapshot.t as unknown as (key: string, params?: object) => string;
  return (key, params) => t(`dashboard.${key}`, params);
}

describe('MaintenanceCard', () => {
  it('lists the running window first, then the planned ones, with why, until when and who', async () => {
    await renderInTestApp(
      <MaintenanceCard
        windows={[
          {
            id: 'M2',
            description: 'Search index rebuild',
            startTime: at(24 * 60),
            endTime: at(25 * 60),
            ongoing: false,
          },
          {
            id: 'M1',
            description: 'Database upgrade',
            startTime: at(-10),
            endTime: at(50),
            createdBy: 'Ada Lovelace',
            ongoing: true,
          },
        ]}
      />,
    );
    const items = within(
      screen.getByRole('list', { name: 'Maintenance windows' }),
    ).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Under maintenance');
    expect(items[0]).toHaveTextContent(
      /Database upgrade: until .+ \(planned by Ada Lovelace\)/,
    );
    expect(items[1]).toHaveTextContent(/^PlannedSearch index rebuild: .+ to /);
    expect(screen.getByText(/dependents are not alarmed/)).toBeInTheDocument();
  });

  it('says the day when a window is not today', () => {
    const now = new Date();
    const tomorrow = new Date(now.getTime() + 24 * 60 * MINUTE);
    const text = describeWindow(
      {
        id: 'M',
        startTime: tomorrow.toISOString(),
        endTime: new Date(tomorrow.getTime() + 60 * MINUTE).toISOString(),
        ongoing: false,
      },
      englishWords(),
      now,
    );
    expect(text).toMatch(/^Maintenance: /);
    expect(text).not.toContain('today');
  });
});
