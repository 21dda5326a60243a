import { responseFigures, responsePeriods } from './responseStats';

const MINUTE = 60_000;
const DAY = 86_400_000;
const now = new Date();
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

describe('response figures', () => {
  it('averages acknowledgement and resolution over the incidents created in the period', () => {
    const incidents = [
      // acknowledged after 4 min, resolved after 60
      {
        createdAt: ago(2 * DAY),
        acknowledgedAt: ago(2 * DAY - 4 * MINUTE),
        resolvedAt: ago(2 * DAY - 60 * MINUTE),
      },
      // acknowledged after 10 min, still open
      { createdAt: ago(DAY), acknowledgedAt: ago(DAY - 10 * MINUTE) },
      // resolved without acknowledgement after 20 min
      { createdAt: ago(3 * DAY), resolvedAt: ago(3 * DAY - 20 * MINUTE) },
      // created before the period: left out
      {
        createdAt: ago(9 * DAY),
        acknowledgedAt: ago(9 * DAY - MINUTE),
        resolvedAt: ago(9 * DAY - MINUTE),
      },
    ];
    expect(
      responseFigures(incidents, new Date(now.getTime() - 7 * DAY), now),
    ).toEqual({
      incidents: 3,
      acknowledged: 2,
      resolved: 2,
      mttaMs: 7 * MINUTE,
      mttrMs: 40 * MINUTE,
    });
    expect(responseFigures([], new Date(now.getTime() - 7 * DAY), now)).toEqual(
      { incidents: 0, acknowledged: 0, resolved: 0 },
    );
  });

  it('compares each period with the one before it', () => {
    const [week] = responsePeriods(
      [
        { createdAt: ago(DAY), resolvedAt: ago(DAY - 30 * MINUTE) },
        { createdAt: ago(8 * DAY), resolvedAt: ago(8 * DAY - 90 * MINUTE) },
      ],
      now,
      [7],
    );
    expect(week.days).toBe(7);
    expect(week.current.mttrMs).toBe(30 * MINUTE);
    expect(week.previous.mttrMs).toBe(90 * MINUTE);
  });
});
