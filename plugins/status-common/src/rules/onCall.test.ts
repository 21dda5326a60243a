import { currentOnCall, onCallShiftState } from './onCall';

describe('onCallShiftState', () => {
  const now = Date.now();
  const at = (offsetMs: number) => new Date(now + offsetMs).toISOString();

  it('tells a shift that has ended from one that runs or has not begun', () => {
    expect(onCallShiftState({ start: at(-3_600_000), end: at(-1) }, now)).toBe(
      'ended',
    );
    expect(onCallShiftState({ start: at(-3_600_000), end: at(0) }, now)).toBe(
      'ended',
    );
    expect(onCallShiftState({ start: at(-1), end: at(60_000) }, now)).toBe(
      'current',
    );
    expect(onCallShiftState({ start: at(60_000), end: at(120_000) }, now)).toBe(
      'upcoming',
    );
    // a permanent assignment has neither bound
    expect(onCallShiftState({ start: null, end: null }, now)).toBe('current');
  });

  it('lists only the shifts that hold now, lowest level first', () => {
    const shifts = [
      { level: 2, start: null, end: at(60_000), name: 'b' },
      { level: 1, start: at(-7_200_000), end: at(-3_600_000), name: 'gone' },
      { level: 1, start: at(-3_600_000), end: at(3_600_000), name: 'a' },
    ];
    expect(currentOnCall(shifts, now).map(s => s.name)).toEqual(['a', 'b']);
  });
});
